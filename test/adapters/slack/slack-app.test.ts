import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../../adapters/slack/create-slack-app.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { eventCallback, eventually, expectApiCall, mockAuthTest, sign, startSlackService } from './slack-harness.ts';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('the Slack app through its real HTTP endpoint', () => {
  let db: Db;
  let service: Awaited<ReturnType<typeof startSlackService>>;
  const now = Date.now();

  beforeAll(async () => {
    db = await loadExamples();
    service = await startSlackService(db, { now: () => now });
  });
  afterAll(async () => {
    await service.close();
    db.close();
  });
  afterEach(() => nock.cleanAll());

  describe('receiving', () => {
    it('answers url_verification with the challenge', async () => {
      const response = await service.post(JSON.stringify({ token: 't', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    });

    it.each([
      ['unsigned', { signature: null }],
      ['forged', { signature: sign('something else', Math.floor(now / 1000)) }],
      ['signed with another secret', { signature: sign('{}', Math.floor(now / 1000), 'not-the-secret') }],
      ['expired (6 minutes old)', { timestamp: Math.floor(now / 1000) - 360 }],
      ['from the future', { timestamp: Math.floor(now / 1000) + 360 }],
    ])('rejects a request that is %s with 401', async (_name, init) => {
      const body = eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> hi', ts: '1763900000.000100', channel: 'C0GENERAL' });
      const response = await service.post(body, init);
      expect(response.status).toBe(401);
    });

    it('rejects a body over 1 MB with 413', async () => {
      const response = await service.post(JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
    });

    it('refuses anything but POST', async () => {
      expect((await fetch(service.url)).status).toBe(405);
    });
  });

  describe('questions', () => {
    it('answers a direct message with the policy text and its citation', async () => {
      mockAuthTest();
      const posted = expectApiCall('chat.postMessage', { channel: 'D0ANA', ts: '1763900001.000200' });
      const response = await service.post(
        eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900000.000100', channel: 'D0ANA' }),
      );
      expect(response.status).toBe(200);
      const message = await posted;
      expect(message.channel).toBe('D0ANA');
      expect(message.text).toContain('$250');
      const blocks = JSON.parse(message.blocks!) as { type: string; elements?: { text: string }[] }[];
      expect(blocks[1]?.elements?.[0]?.text).toContain('Travel policy, version 4.2');
    });

    it('honours a 429 from the Web API: waits for Retry-After, then posts once', async () => {
      mockAuthTest();
      const limited = nock('https://slack.com').post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      const posted = expectApiCall('chat.postMessage');
      const started = Date.now();
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'can I accept a gift from a supplier?', ts: '1763900000.000700', channel: 'D0ANA' }));
      expect((await posted).text).toContain('gift');
      expect(limited.isDone()).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('answers a Slack retry of the same event only once', async () => {
      mockAuthTest();
      const body = eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'how many days of PTO do I get?', ts: '1763900000.000300', channel: 'D0ANA' });
      const posted = expectApiCall('chat.postMessage');
      expect((await service.post(body)).status).toBe(200);
      await posted;
      const retry = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const again = await service.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      expect(again.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(retry.isDone()).toBe(false);
    });

    it('answers a mention in the thread when every channel member may see the policy', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA', 'U0ACMETOM'], response_metadata: { next_cursor: '' } });
      const posted = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: "<@U0BOT> what's the hotel limit per night?", ts: '1763900000.000400', channel: 'C0GENERAL' }));
      const message = await posted;
      expect(message).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1763900000.000400' });
      expect(message.text).toContain('$250');
    });

    it('never posts a restricted answer to a channel: the asker gets it privately', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMESAM', 'U0ACMETOM'], response_metadata: { next_cursor: '' } });
      const publicPost = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const ephemeral = expectApiCall('chat.postEphemeral', { message_ts: '1763900002.000100' });
      await service.post(eventCallback({ type: 'app_mention', user: 'U0ACMESAM', text: '<@U0BOT> which case system do we open investigation cases in?', ts: '1763900000.000500', channel: 'C0GENERAL' }));
      const message = await ephemeral;
      expect(message).toMatchObject({ channel: 'C0GENERAL', user: 'U0ACMESAM' });
      expect(message.text).toContain('LANTERN');
      expect(publicPost.isDone()).toBe(false);
    });

    it('reads a channel’s members again once someone joins it', async () => {
      mockAuthTest();
      const ask = (ts: string) => service.post(eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> what is the hotel limit per night?', ts, channel: 'C0JOINERS' }));
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA'], response_metadata: { next_cursor: '' } });
      const first = expectApiCall('chat.postMessage');
      await ask('1763900000.000700');
      expect((await first).channel).toBe('C0JOINERS');
      // Someone the directory does not know joins: the cached list must not be trusted any more.
      await service.post(eventCallback({ type: 'member_joined_channel', user: 'U0GUEST', channel: 'C0JOINERS', channel_type: 'C', team: 'T0ACME', event_ts: '1763900000.000750' }));
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA', 'U0GUEST'], response_metadata: { next_cursor: '' } });
      const publicPost = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const ephemeral = expectApiCall('chat.postEphemeral', { message_ts: '1763900000.000801' });
      await ask('1763900000.000800');
      // The travel policy is internal: with a guest in the channel, only the asker may read the answer.
      expect(await ephemeral).toMatchObject({ channel: 'C0JOINERS', user: 'U0ACMEANA' });
      expect(publicPost.isDone()).toBe(false);
      expect(nock.pendingMocks().filter((mock) => mock.includes('conversations.members'))).toEqual([]);
    });

    it('does not count itself as a channel member: an internal answer is posted in a channel of colleagues', async () => {
      mockAuthTest();
      // Slack lists the bot among the members of every channel it is in.
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA', 'U0BOT', 'U0ACMETOM'], response_metadata: { next_cursor: '' } });
      const posted = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> what is the hotel limit per night?', ts: '1763900000.000900', channel: 'C0WITHBOT' }));
      const message = await posted;
      expect(message).toMatchObject({ channel: 'C0WITHBOT', thread_ts: '1763900000.000900' });
      expect(message.text).toContain('$250');
    });

    it('answers privately when Slack will not list a channel’s members, rather than losing the question', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: false, error: 'missing_scope' });
      const publicPost = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const ephemeral = expectApiCall('chat.postEphemeral', { message_ts: '1763900001.000950' });
      await service.post(eventCallback({ type: 'app_mention', user: 'U0ACMEANA', text: '<@U0BOT> what is the hotel limit per night?', ts: '1763900000.000950', channel: 'C0NOSCOPE' }));
      const message = await ephemeral;
      expect(message).toMatchObject({ channel: 'C0NOSCOPE', user: 'U0ACMEANA' });
      expect(message.text).toContain('$250');
      expect(publicPost.isDone()).toBe(false);
    });

    it('answers a thread reply on its own when Slack will not give the thread', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/conversations.replies').reply(200, { ok: false, error: 'thread_not_found' });
      const posted = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'hotel limit per night?', ts: '1763900000.001000', thread_ts: '1763900000.000990', channel: 'D0ANA' }));
      expect((await posted).text).toContain('$250');
    });

    it('tells someone Slack cannot look up that it could not check who they are, and someone Slack does not know that they are unknown', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/users.info').times(3).reply(500, 'upstream trouble');
      const unavailable = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0NEWHIRE', text: 'what is the hotel limit?', ts: '1763900000.001100', channel: 'D0NEWHIRE' }));
      expect((await unavailable).text).toContain("couldn't check who you are");
      nock('https://slack.com').post('/api/users.info').reply(200, { ok: false, error: 'user_not_found' });
      const unknown = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0GONE', text: 'what is the hotel limit?', ts: '1763900000.001200', channel: 'D0GONE' }));
      expect((await unknown).text).toContain("couldn't find you");
    });

    it('refuses someone the directory does not know, by Slack id or email', async () => {
      mockAuthTest();
      nock('https://slack.com').post('/api/users.info').reply(200, { ok: true, user: { id: 'U0GUEST', team_id: 'T0ACME', profile: { email: 'guest@outside.example' } } });
      const posted = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0GUEST', text: 'what is the hotel limit?', ts: '1763900000.000600', channel: 'D0GUEST' }));
      expect((await posted).text).toContain("couldn't find you");
    });

    it('answers /policy privately through the response URL after acknowledging at once', async () => {
      mockAuthTest();
      const responded = new Promise<Record<string, unknown>>((resolve) => {
        nock('https://hooks.slack.com').post('/commands/T0ACME/1234/abcd').reply(200, (_uri, body) => {
          resolve(body as Record<string, unknown>);
          return 'ok';
        });
      });
      const form = new URLSearchParams({
        token: 'legacy-verification-token', team_id: 'T0ACME', team_domain: 'acme', channel_id: 'C0GENERAL', channel_name: 'general',
        user_id: 'U0ACMEANA', user_name: 'ana', command: '/policy', text: "what's the hotel limit per night?", api_app_id: 'A0POLICYDESK',
        is_enterprise_install: 'false', response_url: 'https://hooks.slack.com/commands/T0ACME/1234/abcd', trigger_id: '13345224609.738474920.8088930838d88f008e0',
      }).toString();
      const response = await service.post(form, { contentType: 'application/x-www-form-urlencoded' });
      expect(response.status).toBe(200);
      const body = await responded;
      expect(body).toMatchObject({ response_type: 'ephemeral' });
      expect(String(body.text)).toContain('$250');
    });
  });
});

describe('Socket Mode', () => {
  it('mounts nothing on HTTP when an app-level token is configured', async () => {
    const db = await loadExamples();
    mockAuthTest();
    const { app, receiver } = createSlackApp(
      { signingSecret: '', appToken: 'xapp-1-A0POLICY-1-abc', botToken: 'xoxb-test-token', teams: { T0ACME: 'acme' } },
      { db, answerer: createOfflineAnswerer(), logger: createLogger('silent') },
    );
    expect(receiver).toBeUndefined();
    expect(app).toBeDefined();
    db.close();
  });

  it('stores each delivery before its ack: one that cannot be stored is not acknowledged, and the retry is answered once', async () => {
    const db = await loadExamples();
    // Slack's side: apps.connections.open hands out a WebSocket URL; Slack says hello, then sends envelopes.
    const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(sockets, 'listening');
    /** Each ack, with the deliveries stored when it arrived. */
    const acks: { envelope: string; stored: number }[] = [];
    const link: { socket?: WebSocket } = {};
    sockets.on('connection', (socket) => {
      link.socket = socket;
      socket.on('message', (data) => {
        const stored = (db.prepare('SELECT count(*) AS n FROM slack_deliveries').get() as { n: number }).n;
        acks.push({ envelope: (JSON.parse(String(data)) as { envelope_id: string }).envelope_id, stored });
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-1' }, connection_info: { app_id: 'A0POLICYDESK' } }));
    });
    nock('https://slack.com').post('/api/apps.connections.open').reply(200, { ok: true, url: `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link/?ticket=t1` });
    mockAuthTest();
    const { app } = createSlackApp(
      { signingSecret: '', appToken: 'xapp-1-A0POLICY-1-abc', botToken: 'xoxb-test-token', teams: { T0ACME: 'acme' } },
      { db, answerer: createOfflineAnswerer(), logger: createLogger('silent') },
    );
    const envelope = (retry: number) =>
      JSON.stringify({
        envelope_id: `env-${retry}`,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: retry,
        retry_reason: retry ? 'timeout' : '',
        payload: JSON.parse(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900950.000100', channel: 'D0ANA' }, 'Ev0SOCKETMODE1')) as unknown,
      });
    try {
      await app.start();
      await eventually(() => link.socket !== undefined);

      // The disk refuses the write: Bolt would acknowledge the event before any listener ran, and lose it.
      db.exec("CREATE TRIGGER refuse_deliveries BEFORE INSERT ON slack_deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      const answered = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      link.socket!.send(envelope(0));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(acks).toEqual([]);
      expect(answered.isDone()).toBe(false);
      nock.cleanAll();

      db.exec('DROP TRIGGER refuse_deliveries');
      mockAuthTest();
      const posted = expectApiCall('chat.postMessage');
      link.socket!.send(envelope(1));
      expect((await posted).text).toContain('$250');
      await eventually(() => acks.length === 1);
      expect(acks[0]).toEqual({ envelope: 'env-1', stored: 1 });

      // Slack sends it once more: acknowledged, not answered again.
      const again = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      link.socket!.send(envelope(2));
      await eventually(() => acks.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(again.isDone()).toBe(false);
      expect(db.prepare("SELECT count(*) AS n FROM slack_deliveries WHERE state = 'done'").get()).toEqual({ n: 1 });
    } finally {
      await app.stop();
      sockets.close();
      db.close();
    }
  });
});

describe('while Slack does not confirm the bot token (auth.test)', () => {
  it('acknowledges and answers at once, and asks auth.test again on the next event rather than keeping the failure', async () => {
    const db = await loadExamples();
    const service = await startSlackService(db);
    try {
      nock.cleanAll();
      const failing = nock('https://slack.com').post('/api/auth.test').reply(503, 'upstream unavailable');
      const posted = expectApiCall('chat.postMessage');
      const started = Date.now();
      const response = await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'what is the hotel limit per night?', ts: '1763901000.000100', channel: 'D0ANA' }));
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await posted).text).toContain('$250');
      expect(failing.isDone()).toBe(true);

      // Slack answers again: auth.test is asked once more, and its answer kept.
      const confirmed = mockAuthTest();
      const again = expectApiCall('chat.postMessage');
      expect((await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'how many days of PTO do I get?', ts: '1763901000.000200', channel: 'D0ANA' }))).status).toBe(200);
      await again;
      expect(confirmed.isDone()).toBe(true);
    } finally {
      nock.cleanAll();
      await service.close();
      db.close();
    }
  });

  it('never answers a direct message from a bot, its own or another app’s', async () => {
    const db = await loadExamples();
    const service = await startSlackService(db);
    try {
      nock.cleanAll();
      nock('https://slack.com').post('/api/auth.test').reply(503, 'upstream unavailable');
      const posted = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const response = await service.post(
        eventCallback({ type: 'message', channel_type: 'im', user: 'U0BOT', bot_id: 'B0BOT', text: 'According to the Travel policy…', ts: '1763901000.000300', channel: 'D0ANA' }),
      );
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(posted.isDone()).toBe(false);
    } finally {
      nock.cleanAll();
      await service.close();
      db.close();
    }
  });
});

describe('threads', () => {
  it('reads a short reply in a thread together with the question that started it', async () => {
    const db = await loadExamples();
    const service = await startSlackService(db);
    try {
      mockAuthTest();
      nock('https://slack.com')
        .post('/api/conversations.replies')
        .reply(200, { ok: true, messages: [{ type: 'message', user: 'U0ACMETOM', text: "what's the hotel limit per night in a standard city?", ts: '1763900700.000100' }], has_more: false });
      const posted = expectApiCall('chat.postMessage');
      await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: 'and before taxes?', ts: '1763900700.000300', thread_ts: '1763900700.000100', channel: 'D0ANA' }));
      const message = await posted;
      expect(message.thread_ts).toBe('1763900700.000100');
      expect(message.text).toContain('$250');
    } finally {
      await service.close();
      db.close();
    }
  });
});

describe('a restart in the middle of work', () => {
  it('answers, once, a message its first process acknowledged and then died before answering', async () => {
    const file = `${tempDir()}/slack.db`;
    const started = Date.now();
    // The first process acknowledges the message, then never gets past the answerer: it is gone.
    const first = await loadExamples(file);
    const dying: Answerer = { name: 'dying', answer: () => new Promise(() => undefined) };
    const before = await startSlackService(first, { now: () => started, answerer: dying });
    const body = eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900800.000100', channel: 'D0ANA' });
    expect((await before.post(body)).status).toBe(200);
    await eventually(() => (first.prepare("SELECT count(*) AS n FROM slack_deliveries WHERE state = 'processing' AND body IS NOT NULL").get() as { n: number }).n === 1);
    await before.close();

    // Slack will not send it again: it was acknowledged. The next process takes it up once its lease has run out.
    const second = openDatabase(file);
    let clock = started + 30_000;
    const after = await startSlackService(second, { now: () => clock });
    try {
      expect(await after.redeliveries.runOnce()).toBe(0);
      clock = started + 61_000;
      mockAuthTest();
      const posted = expectApiCall('chat.postMessage');
      expect(await after.redeliveries.runOnce()).toBe(1);
      expect((await posted).text).toContain('$250');

      // Done now: neither another sweep nor a late Slack retry answers it again.
      const again = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      clock = started + 200_000;
      expect(await after.redeliveries.runOnce()).toBe(0);
      expect((await after.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(again.isDone()).toBe(false);
      expect(second.prepare('SELECT state, body, attempts FROM slack_deliveries').get()).toEqual({ state: 'done', body: null, attempts: 2 });
    } finally {
      await after.close();
      second.close();
      first.close();
    }
  });
});

describe('a restart after the placeholder was shown', () => {
  it('replaces the placeholder the first process showed with the answer, rather than leave it and post another', async () => {
    nock.cleanAll();
    const file = `${tempDir()}/slack.db`;
    const started = Date.now();
    const first = await loadExamples(file);
    const dying: Answerer = { name: 'dying', answer: () => new Promise(() => undefined) };
    const before = await startSlackService(first, { now: () => started, answerer: dying, placeholderAfterMs: 50 });
    mockAuthTest();
    const placeholder = expectApiCall('chat.postMessage', { ok: true, channel: 'D0ANA', ts: '1763900900.000200' });
    const body = eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900900.000100', channel: 'D0ANA' });
    expect((await before.post(body)).status).toBe(200);
    expect((await placeholder).text).toContain('Looking that up');
    await eventually(() => (first.prepare('SELECT count(*) AS n FROM slack_deliveries WHERE placeholder IS NOT NULL').get() as { n: number }).n === 1);
    await before.close();

    const second = openDatabase(file);
    const after = await startSlackService(second, { now: () => started + 61_000 });
    try {
      mockAuthTest();
      const newPost = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const updated = expectApiCall('chat.update');
      expect(await after.redeliveries.runOnce()).toBe(1);
      const answer = await updated;
      expect(answer).toMatchObject({ channel: 'D0ANA', ts: '1763900900.000200' });
      expect(answer.text).toContain('$250');
      expect(newPost.isDone()).toBe(false);
    } finally {
      await after.close();
      second.close();
      first.close();
    }
  });
});

describe('a delivery that cannot be stored', () => {
  it('is not acknowledged, so Slack sends it again, and the retry is answered once', async () => {
    const db = await loadExamples();
    const service = await startSlackService(db);
    try {
      // The disk refuses the write (full, read-only): Bolt would acknowledge the event before any listener ran.
      db.exec("CREATE TRIGGER refuse_deliveries BEFORE INSERT ON slack_deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      const answered = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true });
      const body = eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900900.000100', channel: 'D0ANA' });
      expect((await service.post(body)).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered.isDone()).toBe(false);
      nock.cleanAll();

      db.exec('DROP TRIGGER refuse_deliveries');
      mockAuthTest();
      const posted = expectApiCall('chat.postMessage');
      expect((await service.post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
      expect((await posted).text).toContain('$250');
      expect(db.prepare("SELECT count(*) AS n FROM slack_deliveries WHERE state = 'done'").get()).toEqual({ n: 1 });
    } finally {
      await service.close();
      db.close();
    }
  });
});
