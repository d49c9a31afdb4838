import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

/** How long a delivery may stay "processing" before a retry is taken as a sign that its processing died. */
const processingTimeoutMs = 60_000;
/** How long deliveries are remembered. */
const retentionMs = 25 * 60 * 60 * 1000;

/**
 * Claims a Slack delivery (an event id, an interaction's id) for processing.
 * False when it was processed already or is being processed now: the caller
 * acknowledges and does nothing, so a retry never answers twice. True for
 * a new delivery, or one whose earlier processing died (a crash before it
 * was done), so a retry also never loses it.
 */
export function claimDelivery(db: Db, key: string, tenant: string, kind: string, now: Date): boolean {
  const at = now.toISOString();
  return db
    .transaction(() => {
      const existing = statement<[string], { state: string; updated_at: string }>(db, 'SELECT state, updated_at FROM slack_deliveries WHERE delivery_key = ?').get(key);
      if (existing && (existing.state === 'done' || now.getTime() - Date.parse(existing.updated_at) < processingTimeoutMs)) return false;
      statement(
        db,
        `INSERT INTO slack_deliveries (delivery_key, tenant, kind, state, received_at, updated_at) VALUES (?, ?, ?, 'processing', ?, ?)
         ON CONFLICT (delivery_key) DO UPDATE SET state = 'processing', updated_at = excluded.updated_at`,
      ).run(key, tenant, kind, at, at);
      statement(db, 'DELETE FROM slack_deliveries WHERE received_at < ?').run(new Date(now.getTime() - retentionMs).toISOString());
      return true;
    })
    .immediate();
}

/** Marks a claimed delivery as processed, unless it already is (queuing its posts marks it in the same commit). */
export function finishDelivery(db: Db, key: string, now: Date): void {
  statement(db, "UPDATE slack_deliveries SET state = 'done', updated_at = ? WHERE delivery_key = ? AND state <> 'done'").run(now.toISOString(), key);
}
