import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { abandonedDeliveries, claimDelivery, renewDelivery } from '../../../adapters/slack/claim-delivery.ts';
import { createPostingClient, createSlackPostSweeper, postQueued, queueSlackPosts } from '../../../adapters/slack/slack-posts.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { expectApiCall } from './slack-harness.ts';

afterEach(() => nock.cleanAll());

const client = () => new WebClient('xoxb-test-token', { retryConfig: { retries: 0 } });
const logger = createLogger('silent');

describe('Slack posts through the outbox', () => {
  it('resumes posts a crash left queued, in order, once, and ignores a retry of the delivery', async () => {
    const file = `${tempDir()}/posts.db`;
    let db = openDatabase(file);
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    expect(claimDelivery(db, 'event:Ev1', 'acme', 'event_callback', now())).toBe(true);
    queueSlackPosts(db, {
      tenant: 'acme',
      deliveryKey: 'event:Ev1',
      posts: [
        { method: 'chat.update', args: { channel: 'C1', ts: '1.1', text: 'the answer' } },
        { method: 'chat.postMessage', args: { channel: 'C1', text: 'a follow-up' } },
      ],
      now: now(),
    });
    // The process dies here, before posting. Slack retries the event: it is done, so nothing is answered again.
    db.close();
    db = openDatabase(file);
    expect(claimDelivery(db, 'event:Ev1', 'acme', 'event_callback', now())).toBe(false);

    // The restarted process's sweeper waits out the dead handler's lease, then posts both, in order.
    const sweeper = createSlackPostSweeper({ db, client: client(), logger, now });
    await sweeper.runOnce();
    expect(nock.pendingMocks()).toEqual([]);
    clock = new Date(clock.getTime() + 31_000);
    const update = expectApiCall('chat.update');
    // The dead process may have made the message before it could mark it: it is looked for first.
    const looked = nock('https://slack.com').post('/api/conversations.history', (body) => body.channel === 'C1').reply(200, { ok: true, messages: [], has_more: false });
    const follow = expectApiCall('chat.postMessage');
    await sweeper.runOnce();
    expect(looked.isDone()).toBe(true);
    expect((await update).text).toBe('the answer');
    expect((await follow).text).toBe('a follow-up');
    clock = new Date(clock.getTime() + 60_000);
    await sweeper.runOnce();
    expect(db.prepare('SELECT count(*) AS n FROM slack_posts WHERE posted_at IS NOT NULL').get()).toEqual({ n: 2 });
    db.close();
  });

  it('retries a failed post later, stops at the first failure, and gives up on a platform error', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = queueSlackPosts(db, { tenant: 'acme', deliveryKey: 'event:Ev2', posts: [{ method: 'chat.postMessage', args: { channel: 'C1', text: 'one' } }, { method: 'chat.postMessage', args: { channel: 'C1', text: 'two' } }], now: now() });
    nock('https://slack.com').post('/api/chat.postMessage').reply(503, 'unavailable');
    await postQueued(db, client(), ids, now, logger);
    expect(db.prepare('SELECT attempts, posted_at FROM slack_posts ORDER BY id').all()).toEqual([{ attempts: 1, posted_at: null }, { attempts: 0, posted_at: null }]);

    clock = new Date(clock.getTime() + 60_000);
    // The 503 did not say the message was not made: the retry looks for it in the channel first.
    const looked = nock('https://slack.com').post('/api/conversations.history', (body) => body.channel === 'C1').reply(200, { ok: true, messages: [], has_more: false });
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    await createSlackPostSweeper({ db, client: client(), logger, now }).runOnce();
    expect(looked.isDone()).toBe(true);
    const rows = db.prepare('SELECT failed_at IS NOT NULL AS failed, last_error FROM slack_posts ORDER BY id').all() as { failed: number; last_error: string }[];
    expect(rows[0]).toMatchObject({ failed: 1 });
    expect(rows[0]!.last_error).toContain('channel_not_found');
    db.close();
  });

  it('keeps retrying a post while Slack refuses the token, rather than giving it up', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = queueSlackPosts(db, { tenant: 'acme', deliveryKey: 'event:Ev3', posts: [{ method: 'chat.postMessage', args: { channel: 'C1', text: 'one' } }], now: now() });
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'invalid_auth' });
    await postQueued(db, client(), ids, now, logger);
    expect(db.prepare('SELECT attempts, failed_at, posted_at FROM slack_posts').get()).toEqual({ attempts: 1, failed_at: null, posted_at: null });

    // The admin fixed the token: the sweeper posts it.
    clock = new Date(clock.getTime() + 60_000);
    const posted = expectApiCall('chat.postMessage', { ts: '1763900000.000100' });
    await createSlackPostSweeper({ db, client: client(), logger, now }).runOnce();
    expect((await posted).text).toBe('one');
    expect(db.prepare('SELECT posted_at IS NOT NULL AS posted FROM slack_posts').get()).toEqual({ posted: 1 });
    db.close();
  });
});

describe('the posting client', () => {
  const one = (db: ReturnType<typeof openDatabase>, now: () => Date, key: string) =>
    queueSlackPosts(db, { tenant: 'acme', deliveryKey: key, posts: [{ method: 'chat.postMessage', args: { channel: 'C1', text: 'one' } }], now: now() });
  const row = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT attempts, posted_at IS NOT NULL AS posted, leased_until FROM slack_posts').get() as { attempts: number; posted: number; leased_until: string };

  it('gives up a call Slack does not answer in time, within the lease, and leaves the post to the sweeper', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = one(db, now, 'event:Ev4');
    const slow = nock('https://slack.com').post('/api/chat.postMessage').delay(2_000).reply(200, { ok: true });
    const started = Date.now();
    await postQueued(db, createPostingClient('xoxb-test-token', { timeoutMs: 200 }), ids, now, logger);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(slow.isDone()).toBe(true);
    expect(row(db)).toMatchObject({ attempts: 1, posted: 0 });

    clock = new Date(clock.getTime() + 60_000);
    nock('https://slack.com').post('/api/conversations.history').reply(200, { ok: true, messages: [], has_more: false });
    const posted = expectApiCall('chat.postMessage');
    await createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now }).runOnce();
    expect((await posted).text).toBe('one');
    expect(row(db)).toMatchObject({ posted: 1 });
    db.close();
  });

  it('never posts twice a message Slack took although its reply was lost: the retry finds it in the thread by its metadata', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const [id] = queueSlackPosts(db, { tenant: 'acme', deliveryKey: 'event:Ev9', posts: [{ method: 'chat.postMessage', args: { channel: 'C1', thread_ts: '1763900000.000100', text: 'the answer' } }], now: now() });
    // Slack makes the post, then the connection drops before its reply arrives.
    let sent: Record<string, string> | undefined;
    nock('https://slack.com').post('/api/chat.postMessage', (body) => ((sent = body), true)).replyWithError('socket hang up');
    await postQueued(db, createPostingClient('xoxb-test-token'), [id!], now, logger);
    expect(JSON.parse(sent!.metadata!)).toEqual({ event_type: 'policy_desk_post', event_payload: { post_id: id } });
    expect(row(db)).toMatchObject({ attempts: 1, posted: 0 });

    // The look itself fails: the post is still of unknown outcome, and nothing is posted.
    clock = new Date(clock.getTime() + 60_000);
    nock('https://slack.com').post('/api/conversations.replies').reply(503, 'unavailable');
    const blind = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1763900002.000300' });
    await createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now }).runOnce();
    expect(blind.isDone()).toBe(false);
    expect(row(db)).toMatchObject({ attempts: 2, posted: 0 });
    nock.cleanAll();

    clock = new Date(clock.getTime() + 60_000);
    const replies = nock('https://slack.com')
      .post('/api/conversations.replies', (body) => body.channel === 'C1' && body.ts === '1763900000.000100')
      .reply(200, {
        ok: true,
        messages: [
          { type: 'message', user: 'U0ANA', text: 'what is the hotel limit?', ts: '1763900000.000100' },
          { type: 'message', bot_id: 'B0BOT', text: 'the answer', ts: '1763900001.000200', metadata: { event_type: 'policy_desk_post', event_payload: { post_id: id } } },
        ],
        has_more: false,
      });
    const again = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1763900002.000300' });
    await createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now }).runOnce();
    expect(replies.isDone()).toBe(true);
    expect(again.isDone()).toBe(false);
    expect(row(db)).toMatchObject({ posted: 1 });
    db.close();
  });

  it('posts all the same when Slack refuses the look for an earlier attempt (a scope an older install lacks)', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = one(db, now, 'event:Ev10');
    nock('https://slack.com').post('/api/chat.postMessage').replyWithError('socket hang up');
    await postQueued(db, createPostingClient('xoxb-test-token'), ids, now, logger);

    clock = new Date(clock.getTime() + 60_000);
    const refused = nock('https://slack.com').post('/api/conversations.history').reply(200, { ok: false, error: 'missing_scope' });
    const posted = expectApiCall('chat.postMessage');
    await createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now }).runOnce();
    expect(refused.isDone()).toBe(true);
    expect((await posted).text).toBe('one');
    expect(row(db)).toMatchObject({ posted: 1 });
    db.close();
  });

  it('waits out a short Retry-After holding the lease, so the sweeper does not post it too, then posts once', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = one(db, now, 'event:Ev5');
    nock('https://slack.com').post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const posted = expectApiCall('chat.postMessage');
    const started = Date.now();
    const posting = postQueued(db, createPostingClient('xoxb-test-token'), ids, now, logger);

    // Meanwhile the sweeper runs, later than the queueing lease: the post is still leased to the waiting run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock = new Date(clock.getTime() + 30_500);
    await createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now }).runOnce();

    await posting;
    expect((await posted).text).toBe('one');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(row(db)).toMatchObject({ attempts: 1, posted: 1 });
    expect(nock.pendingMocks()).toEqual([]);
    db.close();
  });

  it('renews a post\'s lease before the call only when less than a call\'s time is left on it', async () => {
    const db = openDatabase(':memory:');
    const queuedAt = new Date('2026-03-02T10:00:00Z');
    let clock = queuedAt;
    const now = () => clock;
    const leaseDuringCall = async (ids: number[]) => {
      let seen: unknown;
      nock('https://slack.com')
        .post('/api/chat.postMessage')
        .reply(200, () => {
          seen = (db.prepare('SELECT leased_until FROM slack_posts WHERE id = ?').get(ids[0]) as { leased_until: string }).leased_until;
          return { ok: true };
        });
      await postQueued(db, createPostingClient('xoxb-test-token'), ids, now, logger);
      return seen;
    };
    // Made at once: the lease taken when it was queued has time enough.
    expect(await leaseDuringCall(one(db, now, 'event:Ev7'))).toBe('2026-03-02T10:00:30.000Z');
    // Made late in its lease (a long run before it): renewed first, so it cannot still be in flight when the lease runs out.
    const late = one(db, now, 'event:Ev8');
    clock = new Date(queuedAt.getTime() + 25_000);
    expect(await leaseDuringCall(late)).toBe('2026-03-02T10:00:55.000Z');
    db.close();
  });

  it('leaves a post with a long Retry-After to the sweeper, leased until then, without counting it as a failure', async () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    const now = () => clock;
    const ids = one(db, now, 'event:Ev6');
    nock('https://slack.com').post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '120' });
    await postQueued(db, createPostingClient('xoxb-test-token'), ids, now, logger);
    expect(row(db)).toEqual({ attempts: 0, posted: 0, leased_until: '2026-03-02T10:02:00.000Z' });

    const sweeper = createSlackPostSweeper({ db, client: createPostingClient('xoxb-test-token'), logger, now });
    clock = new Date('2026-03-02T10:01:59Z');
    await sweeper.runOnce();
    clock = new Date('2026-03-02T10:02:00Z');
    const posted = expectApiCall('chat.postMessage');
    await sweeper.runOnce();
    expect((await posted).text).toBe('one');
    expect(row(db)).toMatchObject({ attempts: 1, posted: 1 });
    db.close();
  });
});

describe('deliveries whose processing died', () => {
  it('are taken up again after their lease, unless still alive, and given up after three deaths', () => {
    const db = openDatabase(':memory:');
    let clock = new Date('2026-03-02T10:00:00Z');
    expect(claimDelivery(db, 'event:Ev9', 'acme', 'event_callback', clock, '{"event_id":"Ev9"}')).toBe(true);
    clock = new Date(clock.getTime() + 50_000);
    renewDelivery(db, 'event:Ev9', clock);
    clock = new Date(clock.getTime() + 50_000);
    expect(abandonedDeliveries(db, clock)).toEqual({ retry: [], givenUp: [] });
    for (const attempt of [1, 2]) {
      clock = new Date(clock.getTime() + 61_000);
      expect(abandonedDeliveries(db, clock).retry).toEqual([{ key: 'event:Ev9', body: '{"event_id":"Ev9"}', attempts: attempt }]);
      expect(claimDelivery(db, 'event:Ev9', 'acme', 'event_callback', clock, '{"event_id":"Ev9"}')).toBe(true);
    }
    clock = new Date(clock.getTime() + 61_000);
    expect(abandonedDeliveries(db, clock)).toEqual({ retry: [], givenUp: [{ key: 'event:Ev9', body: '{"event_id":"Ev9"}', attempts: 3 }] });
    expect(db.prepare('SELECT state, body FROM slack_deliveries').get()).toEqual({ state: 'done', body: null });
    expect(abandonedDeliveries(db, new Date(clock.getTime() + 61_000))).toEqual({ retry: [], givenUp: [] });
    db.close();
  });
});
