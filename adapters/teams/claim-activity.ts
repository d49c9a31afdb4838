import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

/** How long an activity may stay "processing" before a retry is taken as a sign that its processing died. */
const processingTimeoutMs = 60_000;
/** How long activities are remembered. */
const retentionMs = 25 * 60 * 60 * 1000;

export type Claim = { claimed: true } | { claimed: false; response: { status: number; body?: unknown } | undefined };

/**
 * Claims an activity (by conversation and activity id: Teams' message ids
 * are only unique within a conversation) before any work. A repeat of one
 * done or under way is not claimed, and gets the answer the first delivery
 * got (an invoke's card), so a retry never answers or decides twice; a
 * repeat of one whose processing died is claimed again, so nothing is lost.
 */
export function claimActivity(db: Db, key: string, tenant: string, kind: string, now: Date): Claim {
  const at = now.toISOString();
  return db
    .transaction((): Claim => {
      const existing = statement<[string], { state: string; updated_at: string; response: string | null }>(db, 'SELECT state, updated_at, response FROM teams_activities WHERE activity_key = ?').get(key);
      if (existing && (existing.state === 'done' || now.getTime() - Date.parse(existing.updated_at) < processingTimeoutMs)) {
        return { claimed: false, response: existing.response ? (JSON.parse(existing.response) as { status: number; body?: unknown }) : undefined };
      }
      statement(
        db,
        `INSERT INTO teams_activities (activity_key, tenant, kind, state, received_at, updated_at) VALUES (?, ?, ?, 'processing', ?, ?)
         ON CONFLICT (activity_key) DO UPDATE SET state = 'processing', updated_at = excluded.updated_at`,
      ).run(key, tenant, kind, at, at);
      statement(db, 'DELETE FROM teams_activities WHERE received_at < ?').run(new Date(now.getTime() - retentionMs).toISOString());
      return { claimed: true };
    })
    .immediate();
}

/** Marks a claimed activity as processed, with the response a repeat should get. */
export function finishActivity(db: Db, key: string, response: { status: number; body?: unknown } | undefined, now: Date): void {
  statement(db, "UPDATE teams_activities SET state = 'done', response = ?, updated_at = ? WHERE activity_key = ?").run(response ? JSON.stringify(response) : null, now.toISOString(), key);
}

/** Forgets a claim whose processing failed, so the sender's retry is processed. */
export function releaseActivity(db: Db, key: string): void {
  statement(db, "DELETE FROM teams_activities WHERE activity_key = ? AND state = 'processing'").run(key);
}
