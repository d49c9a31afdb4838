import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { outboundAudience, type TeamsAuthentication } from './create-teams-authentication.ts';

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

  /**
   * The authentication of an activity whose token was checked when it was
   * received, to process it again after its process died (the token is not
   * kept): the bot's own identity, as for a proactive turn.
   */
  keptAuthentication(appId: string): AuthenticateRequestResult {
    const claimsIdentity = this.createClaimsIdentity(appId);
    return { audience: outboundAudience, claimsIdentity, connectorFactory: this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity) };
  }
}
