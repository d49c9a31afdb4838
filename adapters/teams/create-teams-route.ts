import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../../src/http/create-http-server.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { claimActivity, finishActivity, releaseActivity } from './claim-activity.ts';
import { authenticationFailure, TeamsRequestRejected } from './teams-errors.ts';
import { teamsActivitySchema, type TeamsActivity } from './teams-activity.ts';

/** The Bot Connector's activities are far smaller than this; anything larger is not Teams. */
export const teamsBodyLimit = 1024 * 1024;

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

function parseActivity(body: Buffer): TeamsActivity {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
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
 * redelivery is answered without being processed twice. In emulator mode
 * (no authentication) only loopback peers are served. The response is the
 * invoke response for invokes, 200 otherwise; slow work (answers) runs
 * after it.
 */
export function createTeamsRoute<Auth>(options: {
  db: Db;
  logger: Logger;
  emulator: boolean;
  now: () => Date;
  authenticate: (activity: TeamsActivity, authHeader: string) => Promise<Auth>;
  tenantOf: (activity: TeamsActivity) => string | undefined;
  process: (auth: Auth, activity: TeamsActivity) => Promise<Processed>;
  path?: string;
}): Route {
  const path = options.path ?? '/api/messages';
  return async (request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) return false;
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    let activity: TeamsActivity;
    let auth: Auth;
    try {
      if (options.emulator && !isLoopbackAddress(request.socket.remoteAddress)) throw new TeamsRequestRejected(403, 'emulator mode serves this machine only');
      activity = parseActivity(await readBody(request));
      const header = request.headers.authorization ?? '';
      try {
        auth = await options.authenticate(activity, header);
      } catch (error) {
        throw authenticationFailure(error);
      }
    } catch (error) {
      if (!(error instanceof TeamsRequestRejected)) throw error;
      options.logger.warn('teams request rejected', { status: error.status, reason: error.message });
      if (error.status === 413) response.setHeader('connection', 'close');
      send(response, error.status, { error: error.code, message: error.status === 401 ? 'unauthorized' : error.message });
      return true;
    }
    const key = activity.id ? `${activity.conversation.id}|${activity.id}` : undefined;
    if (key) {
      const claim = claimActivity(options.db, key, options.tenantOf(activity) ?? 'unknown', activity.type, options.now());
      if (!claim.claimed) {
        options.logger.info('teams redelivery ignored', { key });
        send(response, claim.response?.status ?? 200, claim.response?.body);
        return true;
      }
    }
    let processed: Processed;
    try {
      processed = await options.process(auth, activity);
    } catch (error) {
      if (key) releaseActivity(options.db, key);
      throw error;
    }
    const result = processed.response;
    if (!processed.work) {
      if (key) finishActivity(options.db, key, result, options.now());
      send(response, result?.status ?? 200, result?.body);
      return true;
    }
    send(response, result?.status ?? 200, result?.body);
    // The activity counts as done once its work is: a crash before then lets the Bot Connector's retry redo it.
    processed.work.then(
      () => key && finishActivity(options.db, key, result, options.now()),
      (error: unknown) => {
        if (key) releaseActivity(options.db, key);
        options.logger.error('teams activity failed', { key, error: (error as Error).message });
      },
    );
    return true;
  };
}
