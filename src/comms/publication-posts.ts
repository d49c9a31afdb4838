import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

type PostKey = { tenant: string; publicationId: number; platform: string; channel: string };

/**
 * Claims the post of a publication to one channel before a channel adapter
 * posts it. `new`: never attempted, post it. `posting`: an attempt was made
 * and its outcome never recorded (the process died, or the platform failed):
 * look on the platform before posting again. `posted`: done, with its ref.
 */
export function claimPublicationPost(db: Db, key: PostKey & { at: string }): { state: 'new' | 'posting' } | { state: 'posted'; messageRef: string | undefined } {
  const existing = statement<[number, string, string], { status: 'posting' | 'posted'; message_ref: string | null }>(
    db,
    'SELECT status, message_ref FROM publication_posts WHERE publication_id = ? AND platform = ? AND channel = ?',
  ).get(key.publicationId, key.platform, key.channel);
  if (existing?.status === 'posted') return { state: 'posted', messageRef: existing.message_ref ?? undefined };
  if (existing) return { state: 'posting' };
  statement(db, `INSERT INTO publication_posts (tenant, publication_id, platform, channel, status, attempted_at) VALUES (?, ?, ?, ?, 'posting', ?)`).run(
    key.tenant, key.publicationId, key.platform, key.channel, key.at,
  );
  return { state: 'new' };
}

/** Records what a channel adapter posted (Slack: the message ts), so the publication history shows it and it is never posted again. */
export function markPublicationPosted(db: Db, key: PostKey & { messageRef: string; at: string }): void {
  statement(
    db,
    `UPDATE publication_posts SET status = 'posted', message_ref = ?, posted_at = ? WHERE publication_id = ? AND platform = ? AND channel = ? AND tenant = ?`,
  ).run(key.messageRef, key.at, key.publicationId, key.platform, key.channel, key.tenant);
}

/**
 * Gives back a claim whose post the platform definitely did not make (it
 * answered with an error), so the next attempt posts it as new. Only for a
 * refusal the platform stated: an attempt whose outcome is unknown stays
 * claimed.
 */
export function releasePublicationPost(db: Db, key: PostKey): void {
  statement(db, `DELETE FROM publication_posts WHERE publication_id = ? AND platform = ? AND channel = ? AND tenant = ? AND status = 'posting'`).run(
    key.publicationId, key.platform, key.channel, key.tenant,
  );
}
