import { deliveryClaims } from '../../src/chat/delivery-claims.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

export { heartbeatMs } from '../../src/chat/delivery-claims.ts';

/** Teams activities are claimed in `teams_activities`, like Slack's deliveries (see `deliveryClaims`). */
const teams = deliveryClaims('teams_activities');

/** The key an activity is claimed by: Teams' message ids are only unique within a conversation. */
export function activityKey(activity: { id?: string; conversation: { id: string } }): string | undefined {
  return activity.id ? `${activity.conversation.id}|${activity.id}` : undefined;
}

export type ActivityResponse = { status: number; body?: unknown };
export type Claim = { claimed: true } | { claimed: false; response: ActivityResponse | undefined };

/**
 * Claims an activity (by conversation and activity id: Teams' message ids
 * are only unique within a conversation) before any work, keeping its body
 * until it is done. A repeat of one done or under way is not claimed, and
 * gets the answer the first delivery got (an invoke's card), so a retry
 * never answers or decides twice; one whose processing died is claimed
 * again (by a retry, or by the redelivery runner), so nothing is lost.
 */
export function claimActivity(db: Db, key: string, tenant: string, kind: string, now: Date, body?: string): Claim {
  if (teams.claim(db, key, tenant, kind, now, body)) return { claimed: true };
  return { claimed: false, response: activityResponse(db, key) };
}

/** The response an activity's first delivery gave, once it gave one. */
export function activityResponse(db: Db, key: string): ActivityResponse | undefined {
  const row = statement<[string], { response: string | null }>(db, 'SELECT response FROM teams_activities WHERE delivery_key = ?').get(key);
  return row?.response ? (JSON.parse(row.response) as ActivityResponse) : undefined;
}

/** Keeps the response given to an activity whose work goes on after it, so a repeat gets it before that work is done. */
export function keepResponse(db: Db, key: string, response: ActivityResponse | undefined): void {
  statement(db, 'UPDATE teams_activities SET response = ? WHERE delivery_key = ?').run(response ? JSON.stringify(response) : null, key);
}

/** Marks a claimed activity as processed, with the response a repeat should get. */
export function finishActivity(db: Db, key: string, response: ActivityResponse | undefined, now: Date): void {
  db.transaction(() => {
    statement(db, "UPDATE teams_activities SET response = ? WHERE delivery_key = ? AND state <> 'done'").run(response ? JSON.stringify(response) : null, key);
    teams.finish(db, key, now);
  })();
}

export const renewActivity = teams.renew;
export const releaseActivity = teams.release;
export const abandonedActivities = teams.abandoned;

/** Records the placeholder an activity's answer showed, so processing it again after a crash updates that message. */
export function rememberPlaceholder(db: Db, key: string, activityId: string): void {
  statement(db, 'UPDATE teams_activities SET placeholder = ? WHERE delivery_key = ?').run(activityId, key);
}

/** The id of the placeholder an earlier attempt at this activity showed, if any. */
export function shownPlaceholder(db: Db, key: string): string | undefined {
  return statement<[string], { placeholder: string | null }>(db, 'SELECT placeholder FROM teams_activities WHERE delivery_key = ?').get(key)?.placeholder ?? undefined;
}
