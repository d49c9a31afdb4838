import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPResponseAck, verifySlackRequest, type App, type Receiver } from '@slack/bolt';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Route } from '../../src/http/create-http-server.ts';
import { SlackRequestRejected } from './slack-errors.ts';

/** Slack's limit on what it sends is far below this; anything larger is not Slack. */
export const slackBodyLimit = 1024 * 1024;
/** Slack's replay window. */
const replayWindowSeconds = 5 * 60;

export type SlackReceiver = Receiver & { route: Route };

/** Bolt and the Web API client want a logger of their own shape; ours writes JSON lines. */
export function boltLogger(logger: Logger) {
  return {
    debug: (...msg: unknown[]) => logger.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => logger.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => 'info' as never,
    setName: () => undefined,
  };
}

async function readVerifiedBody(request: IncomingMessage, signingSecret: string, nowMilliseconds: () => number) {
  let buffered;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(request, slackBodyLimit);
  } catch (error) {
    if (HTTPModuleFunctions.isRawBodyError(error)) throw new SlackRequestRejected(error.statusCode === 413 ? 413 : 400, `request body refused: ${error.message}`, { cause: error });
    throw error;
  }
  const signature = request.headers['x-slack-signature'];
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) throw new SlackRequestRejected(401, 'unsigned request');
  // Bolt refuses stale timestamps; a timestamp far in the future is no better (a replay waiting to happen).
  if (Math.abs(nowMilliseconds() / 1000 - timestamp) > replayWindowSeconds) throw new SlackRequestRejected(401, 'request timestamp outside the 5-minute window');
  try {
    // The 5-minute window and the HMAC comparison are Bolt's; the clock is ours, so tests can move it.
    verifySlackRequest({
      signingSecret,
      body: buffered.rawBody.toString(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: nowMilliseconds(),
    });
  } catch (error) {
    throw new SlackRequestRejected(401, (error as Error).message, { cause: error });
  }
  try {
    return { buffered, body: HTTPModuleFunctions.parseHTTPRequestBody(buffered) as Record<string, unknown> };
  } catch (error) {
    throw new SlackRequestRejected(400, 'the body is neither JSON nor a form', { cause: error });
  }
}

/**
 * Stores a delivery before Slack gets its ack: `claimed`, a `repeat`
 * (acknowledge it and drop it), or `unstored` (do not acknowledge it, so
 * Slack sends it again). Used by both receivers, over HTTP and in Socket Mode.
 */
export async function claimBeforeAck(claim: (body: Record<string, unknown>) => Promise<boolean>, body: Record<string, unknown>, logger: Logger): Promise<'claimed' | 'repeat' | 'unstored'> {
  try {
    return (await claim(body)) ? 'claimed' : 'repeat';
  } catch (error) {
    logger.error('slack delivery could not be stored; not acknowledged, so Slack sends it again', { error: (error as Error).message });
    return 'unstored';
  }
}

/**
 * A Bolt receiver that lives on Policy Desk's own HTTP server, at
 * `POST /slack/events` (events, interactivity and slash commands alike):
 * bodies over 1 MB are refused, every request's signature is checked against
 * the signing secret within Slack's 5-minute window, and the request is
 * acknowledged as soon as Bolt's listeners call `ack` (events at once), so
 * slow work runs after the 3-second deadline. With `claim`, every delivery
 * is stored before its ack, so one acknowledged is never lost.
 */
export function createSlackReceiver(options: {
  signingSecret: string;
  logger: Logger;
  nowMilliseconds?: () => number;
  path?: string;
  /**
   * Stores a verified delivery before Slack gets its ack (Bolt acknowledges
   * an event before any listener runs): false for a repeat, which is
   * acknowledged and dropped. Bolt then sees `claimed: true` in its context.
   * A delivery that cannot be stored is not acknowledged, so Slack sends it again.
   */
  claim?: (body: Record<string, unknown>) => Promise<boolean>;
}): SlackReceiver {
  if (!options.signingSecret) throw new SlackRequestRejected(500, 'the Slack signing secret is empty: refusing to accept unsigned requests');
  const path = options.path ?? '/slack/events';
  const nowMilliseconds = options.nowMilliseconds ?? Date.now;
  const logger = boltLogger(options.logger);
  let app: App | undefined;

  const route: Route = async (request: IncomingMessage, response: ServerResponse) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) return false;
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    let verified;
    try {
      verified = await readVerifiedBody(request, options.signingSecret, nowMilliseconds);
    } catch (error) {
      if (!(error instanceof SlackRequestRejected)) throw error;
      options.logger.warn('slack request rejected', { status: error.status, reason: error.message });
      HTTPModuleFunctions.buildNoBodyResponse(response, error.status);
      return true;
    }
    const { buffered, body } = verified;
    if (body.ssl_check) {
      HTTPModuleFunctions.buildSSLCheckResponse(response);
      return true;
    }
    if (body.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(response, body);
      return true;
    }
    if (!app) throw new Error('the Slack receiver was not initialised by a Bolt App');
    const claim = options.claim ? await claimBeforeAck(options.claim, body, options.logger) : undefined;
    if (claim === 'unstored' || claim === 'repeat') {
      HTTPModuleFunctions.buildNoBodyResponse(response, claim === 'unstored' ? 503 : 200);
      return true;
    }
    const ack = new HTTPResponseAck({ logger, processBeforeResponse: false, httpRequest: buffered, httpRequestBody: body, httpResponse: response });
    await app.processEvent({
      body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(request),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(request),
      customProperties: { claimed: claim === 'claimed' },
    });
    return true;
  };

  return {
    init: (boltApp: App) => {
      app = boltApp;
    },
    start: async () => undefined,
    stop: async () => undefined,
    route,
  };
}
