import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { claimOutboxMessages } from '../../src/outbox/claim-outbox-messages.ts';
import { createOutboxDispatcher, type OutboxDispatcher, type OutboxEvent } from '../../src/outbox/create-outbox-dispatcher.ts';
import { enqueueOutboxMessage } from '../../src/outbox/enqueue-outbox-message.ts';
import { listOutboxMessages } from '../../src/outbox/list-outbox-messages.ts';
import { settleOutboxMessage } from '../../src/outbox/settle-outbox-message.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const secret = 'acme-hr-secret-0123456789';
const start = new Date('2026-03-01T09:00:00.000Z');
const seconds = (date: Date) => date.getTime() / 1000;
const message = (n: number) => ({ tenant: 'acme', topic: 'exception.decided', payload: { exceptionId: n }, idempotencyKey: `exception.decided:${n}`, at: start });

/** Runs a dispatcher until a run finds nothing it can claim. */
async function drain(dispatcher: OutboxDispatcher): Promise<number> {
  let delivered = 0;
  for (;;) {
    const result = await dispatcher.runOnce();
    if (result.delivered + result.retried + result.dead + result.unrouted === 0) return delivered;
    delivered += result.delivered;
  }
}

describe('the outbox across processes and crashes', () => {
  it('two dispatchers on two connections to one database never deliver a message twice', async () => {
    const receiver = await startWebhookReceiver({ secret, nowSeconds: () => seconds(start), reply: () => ({ status: 200, delayMs: 5 }) });
    const file = join(tempDir(), 'pd.db');
    const first = openDatabase(file);
    const second = openDatabase(file);
    for (let n = 1; n <= 30; n++) enqueueOutboxMessage(first, message(n));
    const targets = { acme: [{ url: receiver.url, secret, topics: ['exception.decided'] }] };
    const options = { targets, now: () => start, batchSize: 3 };
    const [a, b] = await Promise.all([
      drain(createOutboxDispatcher({ ...options, db: first, owner: 'a' })),
      drain(createOutboxDispatcher({ ...options, db: second, owner: 'b' })),
    ]);
    expect(a + b).toBe(30);
    // Both took part: the runs really interleaved.
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(receiver.requests).toHaveLength(30);
    expect(receiver.acknowledged.size).toBe(30);
    expect([...receiver.acknowledged.values()].every((count) => count === 1)).toBe(true);
    expect(receiver.mostInFlight()).toBe(1);
    expect(listOutboxMessages(second, { status: 'delivered' })).toHaveLength(30);
    first.close();
    second.close();
  });

  it('a message committed before a crash, never dispatched, is delivered after the restart', async () => {
    const receiver = await startWebhookReceiver({ secret, nowSeconds: () => seconds(start) });
    const file = join(tempDir(), 'pd.db');
    const before = openDatabase(file);
    before.transaction(() => enqueueOutboxMessage(before, message(7)))();
    before.close();

    const after = openDatabase(file);
    const dispatcher = createOutboxDispatcher({ db: after, targets: { acme: [{ url: receiver.url, secret, topics: ['*'] }] }, now: () => start });
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(receiver.acknowledgedCount('exception.decided:7')).toBe(1);
    after.close();
  });

  it('a process killed while its webhook is in flight loses nothing: its lease runs out and the message is delivered', async () => {
    // The receiver takes the dying process's request and never answers it.
    const receiver = await startWebhookReceiver({ secret, nowSeconds: () => seconds(start), reply: (_request, index) => (index === 0 ? { status: 200, hold: true } : { status: 200 }) });
    const file = join(tempDir(), 'pd.db');
    openDatabase(file).close();
    const script = fileURLToPath(new URL('./fixtures/decide-then-crash.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, file, receiver.url, secret, start.toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).toBe('committed\n');

    const db = openDatabase(file);
    expect(db.prepare('SELECT outcome FROM decisions').all()).toEqual([{ outcome: 'approved' }]);
    const [pending] = listOutboxMessages(db);
    expect(pending).toMatchObject({ status: 'pending', attempts: 0, leaseOwner: 'the-process-that-dies' });
    let now = start;
    const events: OutboxEvent[] = [];
    const dispatcher = createOutboxDispatcher({ db, targets: { acme: [{ url: receiver.url, secret, topics: ['*'] }] }, now: () => now, onEvent: (event) => events.push(event) });
    // While the dead process's lease lasts, nobody else sends the message.
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 0 });
    now = new Date(Date.parse(pending!.leaseUntil!));
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    expect(listOutboxMessages(db)[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    // At least once: the receiver saw the key twice and acknowledged it once; it dedupes on the key.
    expect(receiver.requests.map((request) => request.idempotencyKey)).toEqual(['exception.decided:1', 'exception.decided:1']);
    expect(receiver.acknowledgedCount('exception.decided:1')).toBe(1);
    db.close();
  });

  it('a dispatcher whose lease ran out does not overwrite the outcome of the one that took over', () => {
    const db = openDatabase(':memory:');
    const { id } = enqueueOutboxMessage(db, message(1));
    expect(claimOutboxMessages(db, { owner: 'slow', now: start, leaseMs: 1000, limit: 10 }).map((m) => m.id)).toEqual([id]);
    expect(claimOutboxMessages(db, { owner: 'fast', now: new Date(start.getTime() + 999), leaseMs: 1000, limit: 10 })).toEqual([]);
    const later = new Date(start.getTime() + 1000);
    expect(claimOutboxMessages(db, { owner: 'fast', now: later, leaseMs: 1000, limit: 10 }).map((m) => m.id)).toEqual([id]);
    expect(settleOutboxMessage(db, { id, owner: 'fast', at: later, acknowledged: [{ url: 'https://a.example/', status: 200 }], outcome: { status: 'delivered', attempts: 1 } })).toBe(true);
    const settledBySlow = settleOutboxMessage(db, {
      id,
      owner: 'slow',
      at: later,
      acknowledged: [{ url: 'https://b.example/', status: 204 }],
      outcome: { status: 'pending', attempts: 1, nextAttemptAt: later, error: 'late' },
    });
    expect(settledBySlow).toBe(false);
    // The late outcome is dropped; the acknowledgement it carried is true all the same, and kept.
    expect(listOutboxMessages(db)[0]).toMatchObject({ status: 'delivered', lastError: undefined, deliveries: [expect.objectContaining({ url: 'https://a.example/' }), expect.objectContaining({ url: 'https://b.example/' })] });
  });
});
