import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { OutboxError } from './outbox-error.ts';

export type OutboxMessageInput = {
  tenant: string;
  /** What happened, such as `exception.decided`; webhook targets subscribe to topics. */
  topic: string;
  /** The event itself; any JSON object. Receivers see it as `payload`. */
  payload: Record<string, unknown>;
  /** Stable for the event it reports (say `exception.decided:42`): receivers dedupe on it. */
  idempotencyKey: string;
  at: Date;
};

/**
 * Adds a message to the outbox, due at once.
 *
 * Call it INSIDE the transaction that records the outcome it reports
 * (`db.transaction(() => { recordDecision(...); enqueueOutboxMessage(...); })()`):
 * the decision and its message then commit together or not at all, so a crash
 * between the commit and the webhook loses nothing (a dispatcher delivers it
 * later) and a rolled-back decision is never announced.
 *
 * An idempotency key seen before returns the existing message (`created:
 * false`) instead of adding a second one; reusing a key for another tenant or
 * topic is a bug and throws `outbox_key_conflict`.
 */
export function enqueueOutboxMessage(db: Db, input: OutboxMessageInput): { id: number; created: boolean } {
  let payload: string | undefined;
  try {
    payload = JSON.stringify(input.payload);
  } catch (error) {
    throw new OutboxError('outbox_payload_invalid', `the payload of ${input.idempotencyKey} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  if (payload === undefined || !payload.startsWith('{')) {
    throw new OutboxError('outbox_payload_invalid', `the payload of ${input.idempotencyKey} must be a JSON object`);
  }
  const at = input.at.toISOString();
  const inserted = statement<unknown[], { id: number }>(
    db,
    `INSERT INTO outbox_messages (tenant, topic, payload, idempotency_key, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
  ).get(input.tenant, input.topic, payload, input.idempotencyKey, at, at);
  if (inserted) return { id: inserted.id, created: true };
  const existing = statement<[string], { id: number; tenant: string; topic: string }>(
    db,
    'SELECT id, tenant, topic FROM outbox_messages WHERE idempotency_key = ?',
  ).get(input.idempotencyKey);
  if (!existing) throw new OutboxError('outbox_key_conflict', `the outbox refused ${input.idempotencyKey} without holding it`);
  if (existing.tenant !== input.tenant || existing.topic !== input.topic) {
    throw new OutboxError(
      'outbox_key_conflict',
      `idempotency key ${input.idempotencyKey} already names message ${existing.id} (${existing.tenant}, ${existing.topic})`,
    );
  }
  return { id: existing.id, created: false };
}
