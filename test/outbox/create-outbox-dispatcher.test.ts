import { describe, expect, it, vi } from 'vitest';
import { createOutboxDispatcher, type OutboxDispatcherOptions, type OutboxEvent } from '../../src/outbox/create-outbox-dispatcher.ts';
import { enqueueOutboxMessage } from '../../src/outbox/enqueue-outbox-message.ts';
import { listOutboxMessages } from '../../src/outbox/list-outbox-messages.ts';
import { redriveOutboxMessages } from '../../src/outbox/redrive-outbox-messages.ts';
import { webhookHeaders } from '../../src/outbox/sign-webhook.ts';
import type { WebhookTargets } from '../../src/outbox/webhook-targets-schema.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { startWebhookReceiver, type Reply, type ReceivedRequest } from './webhook-receiver.ts';

const secret = 'acme-hr-secret-0123456789';
const start = new Date('2026-03-01T09:00:00.000Z');
const decided = (n = 42) => ({
  tenant: 'acme',
  topic: 'exception.decided',
  payload: { exceptionId: n, decision: 'approved', decidedBy: 'rita' },
  idempotencyKey: `exception.decided:${n}`,
});

/** The outbox with a real receiver, a clock the test moves, and jitter fixed at one half. */
async function outbox(options: { reply?: (request: ReceivedRequest, index: number) => Reply; targets?: (url: string) => WebhookTargets; dispatcher?: Partial<OutboxDispatcherOptions> } = {}) {
  let now = start;
  const clock = () => now;
  const receiver = await startWebhookReceiver({ secret, nowSeconds: () => now.getTime() / 1000, ...(options.reply ? { reply: options.reply } : {}) });
  const db = openDatabase(':memory:');
  const events: OutboxEvent[] = [];
  const dispatcher = createOutboxDispatcher({
    db,
    targets: options.targets?.(receiver.url) ?? { acme: [{ url: receiver.url, secret, topics: ['exception.decided'] }] },
    now: clock,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options.dispatcher,
  });
  return {
    db,
    receiver,
    dispatcher,
    events,
    enqueue: (n = 42) => enqueueOutboxMessage(db, { ...decided(n), at: now }),
    message: (id: number) => listOutboxMessages(db, { id })[0]!,
    now: clock,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    at: (ms: number) => new Date(start.getTime() + ms).toISOString(),
  };
}

const none = { delivered: 0, retried: 0, dead: 0, unrouted: 0 };

describe('delivering the outbox', () => {
  it('POSTs each message once, signed, with its idempotency key; the next run has nothing to do', async () => {
    const { receiver, dispatcher, enqueue, message } = await outbox();
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(await dispatcher.runOnce()).toEqual(none);

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests as [ReceivedRequest];
    expect(request.signatureValid).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers[webhookHeaders.idempotencyKey]).toBe('exception.decided:42');
    expect(request.headers[webhookHeaders.timestamp]).toBe(String(start.getTime() / 1000));
    expect(request.headers[webhookHeaders.signature]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(request.body).toEqual({
      id,
      topic: 'exception.decided',
      tenant: 'acme',
      idempotencyKey: 'exception.decided:42',
      createdAt: start.toISOString(),
      payload: { exceptionId: 42, decision: 'approved', decidedBy: 'rita' },
    });
    expect(receiver.acknowledgedCount('exception.decided:42')).toBe(1);
    expect(message(id)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      deliveredAt: start.toISOString(),
      leaseOwner: undefined,
      deliveries: [{ url: receiver.url, statusCode: 200, deliveredAt: start.toISOString() }],
    });
  });

  it('delivers a message enqueued twice under one idempotency key once', async () => {
    const { receiver, dispatcher, enqueue } = await outbox();
    expect(enqueue().created).toBe(true);
    expect(enqueue().created).toBe(false);
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a 500 on the backoff schedule (exponential, full jitter) and delivers on the 200', async () => {
    const statuses = [500, 500, 200];
    const { receiver, dispatcher, enqueue, message, advance, at, events } = await outbox({ reply: (_request, index) => ({ status: statuses[index]!, body: 'database is down' }) });
    const { id } = enqueue();

    expect(await dispatcher.runOnce()).toEqual({ ...none, retried: 1 });
    // Round 1 failed: a wait of random() × 1000 ms = 500 ms.
    expect(message(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(500), lastError: `${receiver.url}: HTTP 500: database is down`, leaseOwner: undefined });
    advance(499);
    expect(await dispatcher.runOnce()).toEqual(none);
    advance(1);
    expect(await dispatcher.runOnce()).toEqual({ ...none, retried: 1 });
    // Round 2 failed: random() × 2000 ms.
    expect(message(id)).toMatchObject({ attempts: 2, nextAttemptAt: at(500 + 1000) });
    advance(1000);
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });

    expect(message(id)).toMatchObject({ status: 'delivered', attempts: 3, lastError: undefined, deliveredAt: at(1500) });
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.requests.every((request) => request.signatureValid)).toBe(true);
    expect(receiver.acknowledgedCount('exception.decided:42')).toBe(1);
    expect(events.filter((event) => event.type === 'retry_scheduled').map((event) => event.nextAttemptAt)).toEqual([at(500), at(1500)]);
  });

  it('waits at least as long as a 429 asks in Retry-After', async () => {
    const { receiver, dispatcher, enqueue, message, advance, at } = await outbox({
      reply: (_request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '120' } } : { status: 200 }),
    });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, retried: 1 });
    expect(message(id).nextAttemptAt).toBe(at(120_000));
    advance(119_999);
    expect(await dispatcher.runOnce()).toEqual(none);
    advance(1);
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(receiver.requests).toHaveLength(2);
  });

  it('dead-letters a message a receiver refuses with 400 at once, and never sends it again by itself', async () => {
    const { receiver, dispatcher, enqueue, message, advance, events } = await outbox({ reply: () => ({ status: 400, body: '{"error":"unknown field decidedBy"}' }) });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, dead: 1 });
    expect(message(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: `${receiver.url}: HTTP 400: {"error":"unknown field decidedBy"}` });
    advance(24 * 3_600_000);
    expect(await dispatcher.runOnce()).toEqual(none);
    expect(receiver.requests).toHaveLength(1);
    expect(events).toContainEqual({ type: 'dead', messageId: id, attempts: 1, error: expect.stringContaining('HTTP 400') });
  });

  it('dead-letters a message after maxAttempts rounds of 500s, with the waits capped at maxDelayMs', async () => {
    const { receiver, dispatcher, enqueue, message, advance, now } = await outbox({
      reply: () => ({ status: 500 }),
      dispatcher: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 1500 },
    });
    const { id } = enqueue();
    const waits: number[] = [];
    const outcomes: string[] = [];
    for (let round = 0; round < 4; round++) {
      const result = await dispatcher.runOnce();
      outcomes.push(result.dead ? 'dead' : result.retried ? 'retried' : 'nothing');
      const { status, nextAttemptAt } = message(id);
      if (status !== 'pending') continue;
      waits.push(Date.parse(nextAttemptAt) - now().getTime());
      advance(waits.at(-1)!);
    }
    // random() × min(1500, 1000 × 2^(round-1)).
    expect(waits).toEqual([500, 750, 750]);
    expect(outcomes).toEqual(['retried', 'retried', 'retried', 'dead']);
    expect(message(id)).toMatchObject({ status: 'dead', attempts: 4, lastError: `gave up after 4 attempts: ${receiver.url}: HTTP 500` });
    expect(receiver.requests).toHaveLength(4);
    advance(3_600_000);
    expect(await dispatcher.runOnce()).toEqual(none);
  });

  it.each([
    [408, 'retried'],
    [429, 'retried'],
    [500, 'retried'],
    [502, 'retried'],
    [503, 'retried'],
    [400, 'dead'],
    [403, 'dead'],
    [404, 'dead'],
    [410, 'dead'],
    [422, 'dead'],
    [301, 'dead'],
  ] as const)('treats HTTP %i as %s', async (status, outcome) => {
    const { dispatcher, enqueue } = await outbox({ reply: (): Reply => ({ status, headers: status === 301 ? { location: 'http://127.0.0.1:1/elsewhere' } : {} }) });
    enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, [outcome]: 1 });
  });

  it('dead-letters a message whose signature the receiver rejects (wrong secret configured): 401', async () => {
    const { receiver, dispatcher, enqueue, message } = await outbox({ targets: (url) => ({ acme: [{ url, secret: 'not-the-receivers-secret', topics: ['*'] }] }) });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, dead: 1 });
    expect(receiver.requests[0]?.signatureValid).toBe(false);
    expect(message(id).lastError).toBe(`${receiver.url}: HTTP 401: bad signature`);
  });

  it('retries a refused connection and a receiver that does not answer within the timeout', async () => {
    const closed = await startWebhookReceiver({ secret });
    await closed.close();
    const { dispatcher, enqueue, message, receiver } = await outbox({
      reply: () => ({ status: 200, delayMs: 2000 }),
      targets: (url) => ({ acme: [{ url, secret, topics: ['*'] }, { url: closed.url, secret, topics: ['*'] }] }),
      dispatcher: { timeoutMs: 100, leaseMs: 1000 },
    });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, retried: 1 });
    expect(message(id).lastError).toBe(`${receiver.url}: no answer within 100 ms; ${closed.url}: ECONNREFUSED`);
  });

  it('tracks delivery per target: a retry goes only to the targets that have not acknowledged', async () => {
    // The test's clock moves by milliseconds only: well inside the signature's five minutes.
    const hr = await startWebhookReceiver({ secret, nowSeconds: () => start.getTime() / 1000 });
    let ticketsCalls = 0;
    const { receiver: tickets, dispatcher, enqueue, message, advance } = await outbox({
      reply: () => ({ status: ticketsCalls++ === 0 ? 503 : 200 }),
      targets: (url) => ({ acme: [{ url: hr.url, secret, topics: ['exception.*'] }, { url, secret, topics: ['exception.decided'] }] }),
    });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, retried: 1 });
    expect(message(id).deliveries.map((d) => d.url)).toEqual([hr.url]);
    advance(500);
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(hr.requests).toHaveLength(1);
    expect(tickets.requests).toHaveLength(2);
    expect(message(id).deliveries.map((d) => d.url).sort()).toEqual([hr.url, tickets.url].sort());
  });

  it('dead-letters a message one target refuses, and a re-drive sends it only to that target', async () => {
    // The test's clock moves by milliseconds only: well inside the signature's five minutes.
    const hr = await startWebhookReceiver({ secret, nowSeconds: () => start.getTime() / 1000 });
    let refuse = true;
    const { db, receiver: tickets, dispatcher, enqueue, message } = await outbox({
      reply: () => ({ status: refuse ? 422 : 200 }),
      targets: (url) => ({ acme: [{ url: hr.url, secret, topics: ['*'] }, { url, secret, topics: ['*'] }] }),
    });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, dead: 1 });
    expect(message(id).deliveries.map((d) => d.url)).toEqual([hr.url]);
    refuse = false;
    expect(redriveOutboxMessages(db, { id }, start)).toEqual([id]);
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(hr.requests).toHaveLength(1);
    expect(tickets.requests).toHaveLength(2);
  });

  it('settles a message no target subscribes to without a request', async () => {
    const { receiver, dispatcher, db, message, events } = await outbox();
    const { id } = enqueueOutboxMessage(db, { ...decided(), topic: 'announcement.published', at: start });
    expect(await dispatcher.runOnce()).toEqual({ ...none, unrouted: 1 });
    expect(message(id)).toMatchObject({ status: 'delivered', attempts: 0, deliveries: [] });
    expect(receiver.requests).toHaveLength(0);
    expect(events).toContainEqual({ type: 'unrouted', messageId: id, tenant: 'acme', topic: 'announcement.published' });
  });

  it('keeps delivering when an event listener throws', async () => {
    const { dispatcher, enqueue, message } = await outbox({
      dispatcher: {
        onEvent: () => {
          throw new Error('the logger is broken');
        },
      },
    });
    const { id } = enqueue();
    expect(await dispatcher.runOnce()).toEqual({ ...none, delivered: 1 });
    expect(message(id).status).toBe('delivered');
  });

  it('refuses a lease no longer than the request timeout', async () => {
    const db = openDatabase(':memory:');
    expect(() => createOutboxDispatcher({ db, targets: {}, timeoutMs: 10_000, leaseMs: 10_000 })).toThrow(/leaseMs/);
    expect(() => createOutboxDispatcher({ db, targets: {}, maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it('start() reports a run that failed as a whole and goes on', async () => {
    const db = openDatabase(':memory:');
    const events: OutboxEvent[] = [];
    const dispatcher = createOutboxDispatcher({ db, targets: {}, onEvent: (event) => events.push(event) });
    db.close();
    dispatcher.start(10);
    await vi.waitFor(() => expect(events.filter((event) => event.type === 'run_failed').length).toBeGreaterThanOrEqual(2));
    await dispatcher.stop();
    expect(events[0]).toEqual({ type: 'run_failed', error: expect.objectContaining({ message: expect.stringMatching(/not open/) }) });
  });

  it('start() delivers at once and then on every tick until stop()', async () => {
    const { receiver, dispatcher, enqueue } = await outbox();
    enqueue(1);
    dispatcher.start(20);
    await vi.waitFor(() => expect(receiver.acknowledgedCount('exception.decided:1')).toBe(1));
    enqueue(2);
    await vi.waitFor(() => expect(receiver.acknowledgedCount('exception.decided:2')).toBe(1));
    await dispatcher.stop();
    enqueue(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(receiver.acknowledgedCount('exception.decided:3')).toBe(0);
  });
});
