import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { TeamsAuthentication } from './create-teams-authentication.ts';

type AuthenticateRequestResult = Awaited<ReturnType<TeamsAuthentication['authenticateRequest']>>;

/**
 * botbuilder's CloudAdapter, run from our own route: the route reads and
 * checks the body and authenticates the request itself (so every failure
 * has its own status), then hands the authenticated activity to the turn.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Runs one turn for an activity already authenticated; the invoke response, if the turn set one. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
