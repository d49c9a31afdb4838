import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { startService } from '../support/start-service-process.ts';
import { buttonClick, eventCallback, eventually, sign, signingSecret, submission } from '../adapters/slack/slack-harness.ts';

const form = 'application/x-www-form-urlencoded';

describe('npm start with Slack credentials, driven from outside over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-start-'));
  const databaseFile = join(dir, 'policy-desk.db');
  let slack: Awaited<ReturnType<typeof startFakeSlackApi>>;
  let service: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    service = await startService({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_FILE: databaseFile,
      SLACK_BOT_TOKEN: 'xoxb-outside-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_TEAMS: 'T0ACME=acme',
      SLACK_API_URL: slack.url,
    });
  }, 40_000);
  afterAll(async () => {
    await service?.stop();
    slack?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** POSTs to the running service's /slack/events, signed as Slack signs unless told otherwise. */
  function post(body: string, init: { contentType?: string; timestamp?: number; signature?: string | null; retry?: number } = {}): Promise<Response> {
    const timestamp = init.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    if (init.signature !== null) {
      headers['x-slack-signature'] = init.signature ?? sign(body, timestamp);
      headers['x-slack-request-timestamp'] = String(timestamp);
    }
    if (init.retry) Object.assign(headers, { 'x-slack-retry-num': String(init.retry), 'x-slack-retry-reason': 'http_timeout' });
    return fetch(`${service.url}/slack/events`, { method: 'POST', headers, body });
  }

  const callsOf = (method: string, matches: (args: Record<string, string>) => boolean = () => true) => slack.calls.filter((call) => call.method === method && matches(call.args));

  it('answers a mention once, in its thread, however often Slack retries it', async () => {
    const mention = eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> what is the hotel limit per night?', ts: '1763900500.000100', channel: 'C0ACMEGEN' }, 'Ev0OUTSIDE01');
    expect((await post(mention)).status).toBe(200);
    const inThread = (args: Record<string, string>) => args.thread_ts === '1763900500.000100';
    await eventually(() => callsOf('chat.postMessage', inThread).length + callsOf('chat.postEphemeral', inThread).length > 0, 10_000);
    expect((await post(mention, { retry: 1 })).status).toBe(200);
    expect((await post(mention, { retry: 2 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = [...callsOf('chat.postMessage', inThread), ...callsOf('chat.postEphemeral', inThread)];
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args.blocks).toMatch(/Travel policy/);
  });

  it('refuses forged, expired, unsigned and oversized requests without acting on them', async () => {
    const mention = eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> how many PTO days do I get?', ts: '1763900600.000100', channel: 'C0ACMEGEN' }, 'Ev0OUTSIDE02');
    const before = slack.calls.length;
    expect((await post(mention, { signature: sign(mention, Math.floor(Date.now() / 1000), 'not-the-secret') })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(mention, { timestamp: stale, signature: sign(mention, stale) })).status).toBe(401);
    expect((await post(mention, { signature: null })).status).toBe(401);
    // A body tampered with after signing.
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await post(mention.replace('PTO', 'sick'), { timestamp, signature: sign(mention, timestamp) })).status).toBe(401);
    expect((await post(JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1024 * 1024 + 1) }))).status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls.slice(before).filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('decides an exception once when its reviewer double-clicks Approve, and refuses the requester', async () => {
    // Ana asks for an exception to the airfare clause: the intake modal, then the approval card in finance's channel.
    const clause = JSON.stringify({ policyId: 'travel', version: '4.2', section: '2. Airfare' });
    expect((await post(buttonClick('U0ACMEANA', 'exception.open#2', clause, 'D0ANA'), { contentType: form })).status).toBe(200);
    await eventually(() => callsOf('views.open').length > 0, 10_000);
    const intake = JSON.parse(callsOf('views.open').at(-1)!.args.view!) as { callback_id: string; private_metadata: string };
    expect(intake.callback_id).toBe('exception.intake');
    const submitted = await post(
      submission('U0ACMEANA', 'exception.intake', intake.private_metadata, {
        justification: { type: 'plain_text_input', value: 'Overnight flight to the customer launch; I present on arrival.' },
        amount: { type: 'number_input', value: '850' },
        currency: { type: 'plain_text_input', value: 'usd' },
        starts_on: { type: 'datepicker', selected_date: '2026-12-01' },
        ends_on: { type: 'datepicker', selected_date: '2026-12-08' },
        evidence: { type: 'plain_text_input', value: 'https://tickets.example.com/TRIP-9' },
      }),
      { contentType: form },
    );
    expect(submitted.status).toBe(200);
    await eventually(() => callsOf('chat.postMessage', (args) => args.channel === 'C0ACMEFIN').length > 0, 10_000);
    const card = callsOf('chat.postMessage', (args) => args.channel === 'C0ACMEFIN')[0]!;
    const blocks = JSON.parse(card.args.blocks!) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
    const approve = blocks.find((block) => block.type === 'actions')!.elements!.find((element) => element.action_id?.startsWith('exception.approve'))!;

    // The requester cannot approve their own request.
    expect((await post(buttonClick('U0ACMEANA', approve.action_id!, approve.value!), { contentType: form })).status).toBe(200);
    await eventually(() => callsOf('chat.postEphemeral', (args) => /your own/.test(args.text ?? '')).length > 0, 10_000);

    // Dev, a finance reviewer, clicks Approve twice at once (two distinct clicks, as Slack sends them).
    const clicks = await Promise.all([post(buttonClick('U0ACMEDEV', approve.action_id!, approve.value!), { contentType: form }), post(buttonClick('U0ACMEDEV', approve.action_id!, approve.value!), { contentType: form })]);
    expect(clicks.map((response) => response.status)).toEqual([200, 200]);
    await eventually(() => callsOf('chat.update', (args) => /Approved by Dev Patel/.test(args.blocks ?? '')).length > 0, 10_000);
    await eventually(() => callsOf('chat.postEphemeral', (args) => /already approved/.test(args.text ?? '')).length > 0, 10_000);

    const db = new Database(databaseFile, { readonly: true });
    try {
      const { requestId } = JSON.parse(approve.value!) as { requestId: string };
      expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided' AND subject = ?").get(`exception:${requestId}`)).toEqual({ n: 1 });
      expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND subject = ?").get(`exception:${requestId}`)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});

describe('npm start in Socket Mode (SLACK_APP_TOKEN), Slack on loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-socket-'));
  let slack: Awaited<ReturnType<typeof startFakeSlackApi>>;
  let sockets: WebSocketServer;
  let service: Awaited<ReturnType<typeof startService>>;
  const link: { socket?: WebSocket; acks: string[] } = { acks: [] };

  beforeAll(async () => {
    // Slack's side of Socket Mode: apps.connections.open hands out a WebSocket URL; Slack says hello, then sends envelopes.
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(sockets, 'listening');
    sockets.on('connection', (socket, request) => {
      expect(request.url).toBe('/link/?ticket=outside-test');
      link.socket = socket;
      socket.on('message', (data) => link.acks.push((JSON.parse(String(data)) as { envelope_id: string }).envelope_id));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-1', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A0POLICYDESK' } }));
    });
    slack = await startFakeSlackApi({ 'apps.connections.open': () => ({ url: `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link/?ticket=outside-test` }) });
    service = await startService({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_FILE: join(dir, 'policy-desk.db'),
      SLACK_BOT_TOKEN: 'xoxb-outside-test',
      SLACK_APP_TOKEN: 'xapp-1-A0POLICYDESK-1-outside',
      SLACK_TEAMS: 'T0ACME=acme',
      SLACK_API_URL: slack.url,
    });
    await eventually(() => link.socket !== undefined, 20_000);
  }, 40_000);
  afterAll(async () => {
    await service?.stop();
    sockets?.close();
    slack?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mounts nothing on HTTP, opens the connection through the configured Web API, and answers a mention once however often Slack re-sends it', async () => {
    expect((await fetch(`${service.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(slack.calls.some((call) => call.method === 'apps.connections.open')).toBe(true);

    const envelope = (retry: number) =>
      JSON.stringify({
        envelope_id: 'env-outside-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: retry,
        retry_reason: retry ? 'timeout' : '',
        payload: JSON.parse(eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> what is the hotel limit per night?', ts: '1763900800.000100', channel: 'C0ACMEGEN' }, 'Ev0SOCKET01')) as unknown,
      });
    link.socket!.send(envelope(0));
    const inThread = (call: { method: string; args: Record<string, string> }) => ['chat.postMessage', 'chat.postEphemeral'].includes(call.method) && call.args.thread_ts === '1763900800.000100';
    await eventually(() => link.acks.includes('env-outside-1') && slack.calls.some(inThread), 10_000);
    link.socket!.send(envelope(1));
    await eventually(() => link.acks.filter((id) => id === 'env-outside-1').length === 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answers = slack.calls.filter(inThread);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args.blocks).toMatch(/Travel policy/);
  });
});

describe('npm start with Slack credentials while Slack cannot be reached', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-unreachable-'));
  let service: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    // Nothing listens on the discard port: every Web API call is refused.
    service = await startService({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_FILE: join(dir, 'policy-desk.db'),
      SLACK_BOT_TOKEN: 'xoxb-outside-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_TEAMS: 'T0ACME=acme',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
  }, 40_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still acknowledges every event within Slack’s 3 seconds, keeping the answer to post once Slack is back', async () => {
    const body = eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'what is the hotel limit per night?', ts: '1763900900.000100', channel: 'D0ANA' }, 'Ev0UNREACHABLE1');
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const response = await fetch(`${service.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-signature': sign(body, timestamp), 'x-slack-request-timestamp': String(timestamp) }, body });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    // The answer is kept, queued in the database, for the sweeper to post when Slack answers again.
    const queued = () => {
      const db = new Database(join(dir, 'policy-desk.db'), { readonly: true });
      try {
        return db.prepare("SELECT args FROM slack_posts WHERE posted_at IS NULL AND failed_at IS NULL").all() as { args: string }[];
      } finally {
        db.close();
      }
    };
    await eventually(() => queued().some((post) => post.args.includes('$250')), 10_000);
    expect(service.output()).not.toMatch(/not acknowledged within 3 seconds/);
  });
});
