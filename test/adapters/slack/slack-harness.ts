import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createSlackApp } from '../../../adapters/slack/create-slack-app.ts';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { createHttpServer } from '../../../src/http/create-http-server.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import type { ChatDeps } from '../../../src/chat/chat-handlers.ts';
import type { Db } from '../../../src/storage/open-database.ts';

export const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
export const slackApi = 'https://slack.com';

/** Signs a body the way Slack does: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function sign(body: string, timestamp: number, secret = signingSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Starts the real service HTTP server, with the Slack app mounted, on a free loopback port. */
export async function startSlackService(db: Db, options: { now?: () => number; answerer?: Answerer; placeholderAfterMs?: number; comms?: ChatDeps['comms'] } = {}) {
  const logger = createLogger('silent');
  // Bolt verifies the bot token (auth.test) as soon as the app is made.
  mockAuthTest();
  const { receiver, redeliveries } = createSlackApp(
    { signingSecret, botToken: 'xoxb-test-token', teams: { T0ACME: 'acme' } },
    { db, answerer: options.answerer ?? createOfflineAnswerer(), logger, nowMilliseconds: options.now, placeholderAfterMs: options.placeholderAfterMs, ...(options.comms ? { comms: options.comms } : {}) },
  );
  if (!receiver) throw new Error('an HTTP Slack app has a receiver');
  const server = createHttpServer({ db, logger, routes: [receiver.route] });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/slack/events`;

  /** POSTs a body to /slack/events, signed unless told otherwise. */
  async function post(
    body: string,
    init: { contentType?: string; timestamp?: number; signature?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const timestamp = init.timestamp ?? Math.floor((options.now?.() ?? Date.now()) / 1000);
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', ...init.headers };
    if (init.signature !== null) {
      headers['x-slack-signature'] = init.signature ?? sign(body, timestamp);
      headers['x-slack-request-timestamp'] = String(timestamp);
    }
    return fetch(url, { method: 'POST', headers, body });
  }

  return { url, post, redeliveries, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The Web API's answer to auth.test for the bot, which Bolt asks once. */
export function mockAuthTest() {
  return nock(slackApi)
    .persist()
    .post('/api/auth.test')
    .reply(200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme Robotics', user: 'policydesk', team_id: 'T0ACME', user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false });
}

/** chat.postMessage failing with a 500 on every call; the function returned counts the calls made. */
export function failingPostMessage(): () => number {
  let attempts = 0;
  nock(slackApi)
    .persist()
    .post('/api/chat.postMessage')
    .reply(() => ((attempts += 1), [500, 'upstream connect error']));
  return () => attempts;
}

const formBody = (body: unknown): Record<string, string> => (typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>));

/** Resolves with the parsed form body of the next call to a Web API method (that `matches`, when given). */
export function expectApiCall(method: string, reply: Record<string, unknown> = { ok: true }, matches?: (body: Record<string, string>) => boolean): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    nock(slackApi)
      .post(`/api/${method}`, matches ? (body: unknown) => matches(formBody(body)) : undefined)
      .reply(200, (_uri, body) => {
        const parsed = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>);
        resolve(parsed);
        return { ok: true, ...reply };
      });
  });
}

let eventCounter = 0;

/** An Events API callback as Slack sends it. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev0ACME${String(++eventCounter).padStart(4, '0')}`): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0ACME',
    context_team_id: 'T0ACME',
    api_app_id: 'A0POLICYDESK',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1763900000,
    authorizations: [{ enterprise_id: null, team_id: 'T0ACME', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoiVDBBQ01FIn0',
  });
}

export { eventually } from '../../support/eventually.ts';

let sequence = 0;
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T0ACME' });

/** An interactive payload as Slack posts it: form-encoded, the JSON in `payload`. */
export function interactive(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify({ api_app_id: 'A0POLICYDESK', token: 'legacy', team: { id: 'T0ACME', domain: 'acme' }, enterprise: null, is_enterprise_install: false, ...payload }) }).toString();
}

export function buttonClick(slackUser: string, actionId: string, value: string, channel = 'C0ACMEFIN') {
  sequence++;
  return interactive({
    type: 'block_actions',
    user: user(slackUser),
    container: { type: 'message', message_ts: '1763900001.000100', channel_id: channel, is_ephemeral: false },
    trigger_id: `1234.5678.trigger${sequence}`,
    channel: { id: channel, name: 'finance-reviewers' },
    message: { type: 'message', ts: '1763900001.000100', text: 'card' },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/T0ACME/${sequence}/xyz`,
    actions: [{ action_id: actionId, block_id: 'b', text: { type: 'plain_text', text: actionId }, value, type: 'button', action_ts: `1763900100.${String(sequence).padStart(6, '0')}` }],
  });
}

export function submission(slackUser: string, callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>) {
  sequence++;
  return interactive({
    type: 'view_submission',
    user: user(slackUser),
    trigger_id: `1234.5678.submit${sequence}`,
    view: {
      id: `V0VIEW${sequence}`, team_id: 'T0ACME', type: 'modal', blocks: [], private_metadata: privateMetadata, callback_id: callbackId,
      state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])) },
      hash: `1763900200.${sequence}`, title: { type: 'plain_text', text: 'x' }, root_view_id: `V0VIEW${sequence}`, app_id: 'A0POLICYDESK', bot_id: 'B0BOT',
    },
    response_urls: [],
  });
}
