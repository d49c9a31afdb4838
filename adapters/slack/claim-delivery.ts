import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

/** How long a delivery may stay "processing" without a sign of life before it is taken as dead (its process gone). */
const processingTimeoutMs = 60_000;
/** How often a delivery still being processed shows it is alive, well inside the timeout. */
export const heartbeatMs = 20_000;
/** How long deliveries are remembered. */
const retentionMs = 25 * 60 * 60 * 1000;
/** A delivery whose processing died this many times is given up rather than tried again. */
const maxAttempts = 3;

/**
 * Claims a Slack delivery (an event id, an interaction's id) for processing,
 * keeping its body until it is done. False when it was processed already or
 * is being processed now: the caller acknowledges and does nothing, so a
 * retry never answers twice. True for a new delivery, or one whose earlier
 * processing died (a crash before it was done), so nothing is lost.
 */
export function claimDelivery(db: Db, key: string, tenant: string, kind: string, now: Date, body?: string): boolean {
  const at = now.toISOString();
  return db
    .transaction(() => {
      const existing = statement<[string], { state: string; updated_at: string }>(db, 'SELECT state, updated_at FROM slack_deliveries WHERE delivery_key = ?').get(key);
      if (existing && (existing.state === 'done' || now.getTime() - Date.parse(existing.updated_at) < processingTimeoutMs)) return false;
      statement(
        db,
        `INSERT INTO slack_deliveries (delivery_key, tenant, kind, state, received_at, updated_at, body) VALUES (?, ?, ?, 'processing', ?, ?, ?)
         ON CONFLICT (delivery_key) DO UPDATE SET state = 'processing', updated_at = excluded.updated_at, attempts = attempts + 1, body = coalesce(excluded.body, body)`,
      ).run(key, tenant, kind, at, at, body ?? null);
      statement(db, 'DELETE FROM slack_deliveries WHERE received_at < ?').run(new Date(now.getTime() - retentionMs).toISOString());
      return true;
    })
    .immediate();
}

/** A delivery still being processed (a slow model) is alive: its lease is renewed, so it is not processed again. */
export function renewDelivery(db: Db, key: string, now: Date): void {
  statement(db, "UPDATE slack_deliveries SET updated_at = ? WHERE delivery_key = ? AND state = 'processing'").run(now.toISOString(), key);
}

/** Marks a claimed delivery as processed, unless it already is (queuing its posts marks it in the same commit); its body is no longer needed. */
export function finishDelivery(db: Db, key: string, now: Date): void {
  statement(db, "UPDATE slack_deliveries SET state = 'done', updated_at = ?, body = NULL WHERE delivery_key = ? AND state <> 'done'").run(now.toISOString(), key);
}

export type AbandonedDelivery = { key: string; body: string; attempts: number };

/**
 * Deliveries whose processing died: still "processing", with a body, and no
 * sign of life for longer than the timeout. Those tried `maxAttempts` times
 * already are marked done and returned apart, to be reported.
 */
export function abandonedDeliveries(db: Db, now: Date, limit = 20): { retry: AbandonedDelivery[]; givenUp: AbandonedDelivery[] } {
  const staleBefore = new Date(now.getTime() - processingTimeoutMs).toISOString();
  return db
    .transaction(() => {
      const rows = statement<[string, number], AbandonedDelivery>(
        db,
        `SELECT delivery_key AS key, body, attempts FROM slack_deliveries
         WHERE state = 'processing' AND body IS NOT NULL AND updated_at < ? ORDER BY received_at LIMIT ?`,
      ).all(staleBefore, limit);
      const givenUp = rows.filter((row) => row.attempts >= maxAttempts);
      for (const row of givenUp) finishDelivery(db, row.key, now);
      return { retry: rows.filter((row) => row.attempts < maxAttempts), givenUp };
    })
    .immediate();
}
