import { describe, expect, it } from 'vitest';
import { enqueueOutboxMessage } from '../../src/outbox/enqueue-outbox-message.ts';
import { listOutboxMessages } from '../../src/outbox/list-outbox-messages.ts';
import { OutboxError } from '../../src/outbox/outbox-error.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

const at = new Date('2026-03-01T09:00:00.000Z');
const decided = { tenant: 'acme', topic: 'exception.decided', payload: { exceptionId: 42, decision: 'approved' }, idempotencyKey: 'exception.decided:42', at };

describe('enqueueing an outbox message', () => {
  it('adds a pending message, due at once, with its payload', () => {
    const db = openDatabase(':memory:');
    const { id, created } = enqueueOutboxMessage(db, decided);
    expect(created).toBe(true);
    expect(listOutboxMessages(db)).toEqual([
      expect.objectContaining({
        id,
        tenant: 'acme',
        topic: 'exception.decided',
        payload: { exceptionId: 42, decision: 'approved' },
        idempotencyKey: 'exception.decided:42',
        createdAt: '2026-03-01T09:00:00.000Z',
        nextAttemptAt: '2026-03-01T09:00:00.000Z',
        status: 'pending',
        attempts: 0,
        deliveries: [],
      }),
    ]);
  });

  it('returns the existing message for an idempotency key seen before, instead of a second one', () => {
    const db = openDatabase(':memory:');
    const first = enqueueOutboxMessage(db, decided);
    const again = enqueueOutboxMessage(db, { ...decided, payload: { exceptionId: 42, decision: 'approved', retried: true }, at: new Date(at.getTime() + 1000) });
    expect(again).toEqual({ id: first.id, created: false });
    expect(listOutboxMessages(db)).toHaveLength(1);
    expect(listOutboxMessages(db)[0]?.payload).toEqual({ exceptionId: 42, decision: 'approved' });
  });

  it('refuses a key reused for another tenant or topic: that is a bug, not a retry', () => {
    const db = openDatabase(':memory:');
    enqueueOutboxMessage(db, decided);
    expect(() => enqueueOutboxMessage(db, { ...decided, tenant: 'globex' })).toThrow(expect.objectContaining({ code: 'outbox_key_conflict' }));
    expect(() => enqueueOutboxMessage(db, { ...decided, topic: 'exception.requested' })).toThrow(OutboxError);
  });

  it('commits with the transaction it is called in, and rolls back with it', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE decisions (id INTEGER PRIMARY KEY, outcome TEXT NOT NULL)');
    const decide = (outcome: string, fail: boolean) =>
      db.transaction(() => {
        const { lastInsertRowid } = db.prepare('INSERT INTO decisions (outcome) VALUES (?)').run(outcome);
        enqueueOutboxMessage(db, { ...decided, payload: { decisionId: Number(lastInsertRowid), outcome }, idempotencyKey: `decision:${lastInsertRowid}` });
        if (fail) throw new Error('the decision failed after the enqueue');
      })();
    expect(() => decide('denied', true)).toThrow(/failed after the enqueue/);
    expect(listOutboxMessages(db)).toEqual([]);
    decide('approved', false);
    expect(listOutboxMessages(db).map((message) => message.payload)).toEqual([{ decisionId: 1, outcome: 'approved' }]);
  });

  it('refuses a payload that is not a JSON object', () => {
    const db = openDatabase(':memory:');
    expect(() => enqueueOutboxMessage(db, { ...decided, payload: [1, 2] as unknown as Record<string, unknown> })).toThrow(expect.objectContaining({ code: 'outbox_payload_invalid' }));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => enqueueOutboxMessage(db, { ...decided, payload: circular })).toThrow(expect.objectContaining({ code: 'outbox_payload_invalid' }));
  });
});
