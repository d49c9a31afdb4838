import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type OutboxSettlement =
  | { status: 'delivered'; attempts: number }
  | { status: 'pending'; attempts: number; nextAttemptAt: Date; error: string }
  | { status: 'dead'; attempts: number; error: string };

/**
 * Records the outcome of a delivery round and releases the lease, in one
 * transaction: the targets that acknowledged, then the message's new state.
 * Returns false when `owner` no longer holds the lease (it ran out and
 * another dispatcher took the message over); the acknowledgements are kept
 * all the same, since those receivers did get it.
 */
export function settleOutboxMessage(
  db: Db,
  settle: { id: number; owner: string; at: Date; acknowledged: { url: string; status: number }[]; outcome: OutboxSettlement },
): boolean {
  const at = settle.at.toISOString();
  const { outcome } = settle;
  return db
    .transaction(() => {
      for (const { url, status } of settle.acknowledged) {
        statement(
          db,
          `INSERT INTO outbox_deliveries (message_id, target_url, status_code, delivered_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (message_id, target_url) DO NOTHING`,
        ).run(settle.id, url, status, at);
      }
      const { changes } = statement(
        db,
        `UPDATE outbox_messages
         SET status = ?, attempts = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,
             delivered_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND lease_owner = ? AND status = 'pending'`,
      ).run(
        outcome.status,
        outcome.attempts,
        outcome.status === 'pending' ? outcome.nextAttemptAt.toISOString() : null,
        outcome.status === 'delivered' ? null : outcome.error,
        outcome.status === 'delivered' ? at : null,
        settle.id,
        settle.owner,
      );
      return changes > 0;
    })
    .immediate();
}
