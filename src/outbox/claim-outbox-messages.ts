import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { outboxMessageRow, type OutboxMessage } from './outbox-message.ts';

/**
 * Leases up to `limit` pending messages that are due and not leased (or
 * whose lease ran out because its holder died) to `owner` until
 * `now + leaseMs`, in one short write transaction: two dispatchers, in one
 * process or several, never hold the same message at once.
 */
export function claimOutboxMessages(db: Db, options: { owner: string; now: Date; leaseMs: number; limit: number }): OutboxMessage[] {
  const now = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  // IMMEDIATE: take the write lock first (waiting up to busy_timeout), rather
  // than read, then fail to upgrade because another dispatcher wrote meanwhile.
  const rows = db
    .transaction(() =>
      statement<unknown[], unknown>(
        db,
        `UPDATE outbox_messages SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM outbox_messages
           WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
           ORDER BY next_attempt_at, id
           LIMIT ?)
         RETURNING *`,
      ).all(options.owner, leaseUntil, now, now, options.limit),
    )
    .immediate();
  return rows.map((row) => outboxMessageRow.parse(row)).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
}
