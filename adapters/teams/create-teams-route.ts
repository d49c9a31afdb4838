import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../../src/http/create-http-server.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { createRedeliveryRunner } from '../../src/chat/delivery-claims.ts';
import type { SerialRunner } from '../../src/outbox/create-serial-runner.ts';
import { abandonedActivities, activityKey, activityResponse, claimActivity, finishActivity, heartbeatMs, keepResponse, releaseActivity, renewActivity } from './claim-activity.ts';
import { authenticationFailure, TeamsRequestRejected } from './teams-errors.ts';
import { teamsActivitySchema, type TeamsActivity } from './teams-activity.ts';

/** The Bot Connector's activities are far smaller than this; anything larger is not Teams. */
export const teamsBodyLimit = 1024 * 1024;

/** How long a repeat of an invoke waits for the first delivery's response, and how often it looks: Teams gives up on an invoke after about 5 seconds. */
const repeatWaitMs = 3000;
const repeatPollMs = 50;

export type InvokeResult = { status: number; body?: unknown } | undefined;

/** What processing an activity gives: the HTTP response, and the work that goes on after it (an answer being written). */
export type Processed = { response: InvokeResult; work?: Promise<unknown> };

const isLoopbackAddress = (address: string | undefined) => !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > teamsBodyLimit) throw new TeamsRequestRejected(413, `body of ${declared} bytes is over the ${teamsBodyLimit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > teamsBodyLimit) throw new TeamsRequestRejected(413, `body over the ${teamsBodyLimit}-byte limit`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseActivity(body: string): TeamsActivity {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new TeamsRequestRejected(400, 'the body is not JSON', { cause: error });
  }
  const parsed = teamsActivitySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new TeamsRequestRejected(400, `not a Bot Framework activity (${problems})`);
  }
  return parsed.data;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * `POST /api/messages` on Policy Desk's own HTTP server: the Bot Connector's
 * endpoint. Bodies over 1 MB get 413, malformed JSON or a body that is not
 * an activity 400, a missing or bad token 401 (checked by botbuilder before
 * anything is stored), then each activity is claimed by its id so a
 * redelivery is answered without being processed twice: with the first
 * delivery's response, waited for when that is still under way (an invoke
 * answered with nothing shows an error on its card). In emulator mode
 * (no authentication) only loopback peers are served. The response is the
 * invoke response for invokes, 200 otherwise; slow work (answers) runs
 * after it.
 *
 * The Bot Connector does not send again an activity it had its response
 * for, so the claim keeps the activity until its work is done, slow work
 * renews its lease, and `redeliveries` processes again the activities whose
 * process died (a crash, a deploy) before they were done.
 */
export function createTeamsRoute<Auth>(options: {
  db: Db;
  logger: Logger;
  emulator: boolean;
  now: () => Date;
  authenticate: (activity: TeamsActivity, authHeader: string) => Promise<Auth>;
  /** The authentication of an activity authenticated when it was received, to process it again after its process died. */
  authenticateKept: (activity: TeamsActivity) => Auth;
  tenantOf: (activity: TeamsActivity) => string | undefined;
  process: (auth: Auth, activity: TeamsActivity) => Promise<Processed>;
  path?: string;
  /** How often an activity still being processed renews its claim (tests make it short). */
  heartbeatMs?: number;
  /**
   * What a repeat of an invoke gets when its first delivery, still under
   * way, has given no response within `repeatWaitMs`: Teams shows an error
   * on a card answered with nothing.
   */
  stillWorking: (activity: TeamsActivity) => InvokeResult;
  /** How long a repeat of an invoke waits for its first delivery's response (inside Teams' patience for an invoke). */
  repeatWaitMs?: number;
}): { route: Route; redeliveries: SerialRunner } {
  const { db, logger, now } = options;
  const path = options.path ?? '/api/messages';

  /**
   * Claims, processes and settles one activity; `respond` gives the HTTP
   * response (to the Bot Connector, or to no one for an activity processed
   * again). A failure before the response releases the claim, so the Bot
   * Connector's retry (it sees the 500) processes it again; a failure of the
   * work after it, or a death, leaves the claim to lapse, for the redelivery
   * runner to process it again (at most three times in all).
   */
  async function handle(activity: TeamsActivity, body: string, auth: Auth, respond: (result: InvokeResult) => void): Promise<void> {
    const key = activityKey(activity);
    if (!key) {
      const processed = await options.process(auth, activity);
      respond(processed.response);
      return;
    }
    const claim = claimActivity(db, key, options.tenantOf(activity) ?? 'unknown', activity.type, now(), body);
    if (!claim.claimed) {
      logger.info('teams redelivery ignored', { key });
      respond(claim.response ?? (activity.type === 'invoke' ? await firstResponse(key, activity) : undefined));
      return;
    }
    // Slow work (a model taking its time) renews its lease, so it is never taken for dead and done twice.
    const heartbeat = setInterval(() => settle(() => renewActivity(db, key, now())), options.heartbeatMs ?? heartbeatMs);
    heartbeat.unref();
    const done = (result: InvokeResult) => {
      clearInterval(heartbeat);
      settle(() => finishActivity(db, key, result, now()));
    };
    const failed = (error: unknown) => {
      clearInterval(heartbeat);
      settle(() => releaseActivity(db, key));
      logger.error('teams activity failed', { key, error: (error as Error).message });
    };
    let processed: Processed;
    try {
      processed = await options.process(auth, activity);
    } catch (error) {
      failed(error);
      throw error;
    }
    const result = processed.response;
    if (processed.work) settle(() => keepResponse(db, key, result));
    else done(result);
    respond(result);
    // The activity counts as done once its work is: a death before then leaves it to the redelivery runner,
    // and so does a failure (a reply post the connection dropped): Teams has its 200 and will not send it again.
    processed.work?.then(
      () => done(result),
      (error: unknown) => {
        clearInterval(heartbeat);
        logger.error('teams activity failed after it was answered; it is processed again once its claim lapses', { key, error: (error as Error).message });
      },
    );
  }

  /**
   * The response of an invoke whose first delivery is still under way (Teams
   * sent it again before that answered): waited for, briefly, so the repeat
   * gets the same answer; "still working" when it does not come in time.
   */
  async function firstResponse(key: string, activity: TeamsActivity): Promise<InvokeResult> {
    const deadline = Date.now() + (options.repeatWaitMs ?? repeatWaitMs);
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, repeatPollMs));
      const response = activityResponse(db, key);
      if (response) return response;
    }
    return options.stillWorking(activity);
  }

  /** A write about a claim that may come after the database is gone (the process shutting down): logged, never thrown into a timer. */
  function settle(write: () => void): void {
    try {
      write();
    } catch (error) {
      logger.warn('teams activity claim not updated', { error: (error as Error).message });
    }
  }

  const route: Route = async (request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) return false;
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    let activity: TeamsActivity;
    let body: string;
    let auth: Auth;
    try {
      if (options.emulator && !isLoopbackAddress(request.socket.remoteAddress)) throw new TeamsRequestRejected(403, 'emulator mode serves this machine only');
      body = (await readBody(request)).toString('utf8');
      activity = parseActivity(body);
      const header = request.headers.authorization ?? '';
      try {
        auth = await options.authenticate(activity, header);
      } catch (error) {
        throw authenticationFailure(error);
      }
    } catch (error) {
      if (!(error instanceof TeamsRequestRejected)) throw error;
      logger.warn('teams request rejected', { status: error.status, reason: error.message });
      if (error.status === 413) response.setHeader('connection', 'close');
      send(response, error.status, { error: error.code, message: error.status === 401 ? 'unauthorized' : error.message });
      return true;
    }
    await handle(activity, body, auth, (result) => send(response, result?.status ?? 200, result?.body));
    return true;
  };

  /**
   * Activities answered by a process that died before it was done with them
   * (the Bot Connector will not send them again) are processed once more,
   * from the body their claim kept; the claim makes sure only one process
   * takes each. An invoke's response has no one to go to by then.
   */
  const redeliveries = createRedeliveryRunner({
    db,
    now,
    logger,
    platform: 'teams',
    noun: 'activity',
    abandoned: abandonedActivities,
    async reprocess(kept) {
      let activity: TeamsActivity;
      try {
        activity = parseActivity(kept.body);
      } catch (error) {
        // Read when it was received; a newer version that cannot read it any more drops it rather than retry it forever.
        settle(() => releaseActivity(db, kept.key));
        return logger.error('teams activity kept could not be read again; dropped', { key: kept.key, error: (error as Error).message });
      }
      const respond = (result: InvokeResult) => {
        if (result?.body !== undefined) logger.warn('teams activity processed again: its invoke response could not be given', { key: kept.key });
      };
      // A failure is logged and its claim released by `handle`.
      await handle(activity, kept.body, options.authenticateKept(activity), respond).catch(() => undefined);
    },
  });

  return { route, redeliveries };
}
