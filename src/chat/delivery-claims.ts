import type { Logger } from '../logging/create-logger.ts';
import { createSerialRunner, type SerialRunner } from '../outbox/create-serial-runner.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** How long a delivery may stay "processing" without a sign of life before it is taken as dead (its process gone). */
const processingTimeoutMs = 60_000;
/** How often a delivery still being processed shows it is alive, well inside the timeout. */
export const heartbeatMs = 20_000;
/** How long deliveries are remembered (platforms retry within minutes; this covers any retry and a restart). */
const retentionMs = 25 * 60 * 60 * 1000;
/** A delivery whose processing died this many times is given up rather than tried again. */
const maxAttempts = 3;

export type AbandonedDelivery = { key: string; body: string; attempts: number };

/** The claims of one platform's deliveries (see `deliveryClaims`). */
export type DeliveryClaims = {
  /**
   * Claims a delivery for processing, keeping its body until it is done.
   * False when it was processed already or is being processed now: the
   * caller acknowledges and does nothing, so a retry never answers twice.
   * True for a new delivery, or one whose earlier processing died (a crash
   * before it was done), so nothing is lost.
   */
  claim(db: Db, key: string, tenant: string, kind: string, now: Date, body?: string): boolean;
  /** A delivery still being processed (a slow model) is alive: its lease is renewed, so it is not processed again. */
  renew(db: Db, key: string, now: Date): void;
  /** Marks a claimed delivery as processed, unless it already is; its body is no longer needed. */
  finish(db: Db, key: string, now: Date): void;
  /** Forgets a claim whose processing failed (not died), so the sender's own retry is processed. */
  release(db: Db, key: string): void;
  /**
   * Deliveries whose processing died: still "processing", with a body, and
   * no sign of life for longer than the timeout. Those tried `maxAttempts`
   * times already are marked done and returned apart, to be reported.
   */
  abandoned(db: Db, now: Date, limit?: number): { retry: AbandonedDelivery[]; givenUp: AbandonedDelivery[] };
};

/**
 * Claims over a platform's delivery table (`slack_deliveries`,
 * `teams_activities`): each has the columns delivery_key, tenant, kind,
 * state ('processing' | 'done'), received_at, updated_at, body and attempts.
 * A delivery is claimed before any work and kept, with its body, until it
 * is done; one whose process died is found by its lapsed lease and processed
 * again, at most `maxAttempts` times, so a restart loses nothing and a retry
 * does nothing twice.
 */
export function deliveryClaims(table: string): DeliveryClaims {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const claims: DeliveryClaims = {
    claim(db, key, tenant, kind, now, body) {
      const at = now.toISOString();
      return db
        .transaction(() => {
          const existing = statement<[string], { state: string; updated_at: string }>(db, `SELECT state, updated_at FROM ${table} WHERE delivery_key = ?`).get(key);
          if (existing && (existing.state === 'done' || now.getTime() - Date.parse(existing.updated_at) < processingTimeoutMs)) return false;
          statement(
            db,
            `INSERT INTO ${table} (delivery_key, tenant, kind, state, received_at, updated_at, body) VALUES (?, ?, ?, 'processing', ?, ?, ?)
             ON CONFLICT (delivery_key) DO UPDATE SET state = 'processing', updated_at = excluded.updated_at, attempts = attempts + 1, body = coalesce(excluded.body, body)`,
          ).run(key, tenant, kind, at, at, body ?? null);
          statement(db, `DELETE FROM ${table} WHERE received_at < ?`).run(new Date(now.getTime() - retentionMs).toISOString());
          return true;
        })
        .immediate();
    },
    renew(db, key, now) {
      statement(db, `UPDATE ${table} SET updated_at = ? WHERE delivery_key = ? AND state = 'processing'`).run(now.toISOString(), key);
    },
    finish(db, key, now) {
      statement(db, `UPDATE ${table} SET state = 'done', updated_at = ?, body = NULL WHERE delivery_key = ? AND state <> 'done'`).run(now.toISOString(), key);
    },
    release(db, key) {
      statement(db, `DELETE FROM ${table} WHERE delivery_key = ? AND state = 'processing'`).run(key);
    },
    abandoned(db, now, limit = 20) {
      const staleBefore = new Date(now.getTime() - processingTimeoutMs).toISOString();
      return db
        .transaction(() => {
          const rows = statement<[string, number], AbandonedDelivery>(
            db,
            `SELECT delivery_key AS key, body, attempts FROM ${table}
             WHERE state = 'processing' AND body IS NOT NULL AND updated_at < ? ORDER BY received_at LIMIT ?`,
          ).all(staleBefore, limit);
          const givenUp = rows.filter((row) => row.attempts >= maxAttempts);
          for (const row of givenUp) claims.finish(db, row.key, now);
          return { retry: rows.filter((row) => row.attempts < maxAttempts), givenUp };
        })
        .immediate();
    },
  };
  return claims;
}

/**
 * Processes again, one run at a time, the deliveries of a platform whose
 * process died before it was done with them (the platform will not send
 * them again): each through `reprocess`, which claims it afresh, so only one
 * process takes each. Those that died `maxAttempts` times are reported and
 * given up.
 */
export function createRedeliveryRunner(deps: {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** How the log names the platform and what it delivers ("slack", "delivery"). */
  platform: string;
  noun: string;
  abandoned: DeliveryClaims['abandoned'];
  reprocess: (delivery: AbandonedDelivery) => Promise<void>;
}): SerialRunner {
  const { logger, platform, noun } = deps;
  return createSerialRunner(
    async () => {
      const { retry, givenUp } = deps.abandoned(deps.db, deps.now());
      for (const delivery of givenUp) logger.error(`${platform} ${noun} given up: its processing died every time`, { key: delivery.key, attempts: delivery.attempts });
      await Promise.all(
        retry.map(async (delivery) => {
          logger.warn(`${platform} ${noun} processed again: its processing died`, { key: delivery.key, attempts: delivery.attempts });
          await deps.reprocess(delivery);
        }),
      );
      return retry.length;
    },
    (error) => logger.warn(`${platform} redelivery failed; will retry`, { error: (error as Error).message }),
  );
}
