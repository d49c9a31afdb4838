import { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { publicationRow, type Publication, type PublicationPost } from './publication.ts';

const postRow = z.object({ platform: z.string(), channel: z.string(), status: z.enum(['posting', 'posted']), message_ref: z.string().nullable(), posted_at: z.string().nullable() });

function withPosts(db: Db, raw: unknown): Publication {
  const row = publicationRow.parse(raw);
  const posts: PublicationPost[] = statement(db, 'SELECT platform, channel, status, message_ref, posted_at FROM publication_posts WHERE tenant = ? AND publication_id = ? ORDER BY platform, channel')
    .all(row.tenant, row.id)
    .map((post) => postRow.parse(post))
    .map((post) => ({ platform: post.platform, channel: post.channel, status: post.status, messageRef: post.message_ref ?? undefined, postedAt: post.posted_at ?? undefined }));
  return {
    id: row.id, tenant: row.tenant, draftId: row.draft_id, version: row.version, requestedBy: row.requested_by, requestedAt: row.requested_at, dueAt: row.due_at,
    status: row.status, targets: row.targets, audience: row.audience, recipients: row.recipients, text: row.text, sentAt: row.sent_at ?? undefined, reason: row.reason ?? undefined, posts,
  };
}

export function loadPublication(db: Db, tenant: string, id: number): Publication {
  const row = statement(db, 'SELECT * FROM publications WHERE tenant = ? AND id = ?').get(tenant, id);
  if (!row) throw new NotFoundError(`There is no publication #${id}.`);
  return withPosts(db, row);
}

/**
 * The publication history of a tenant (of one draft, or since a time), newest
 * first: which version, who asked, when it was due and sent, to which
 * channels, for which audience and the people in it then, and what each
 * channel adapter posted (Slack message ts).
 */
export function listPublications(db: Db, tenant: string, options: { draftId?: number; since?: string; limit?: number } = {}): Publication[] {
  return statement(
    db,
    `SELECT * FROM publications WHERE tenant = ? AND (? IS NULL OR draft_id = ?) AND (? IS NULL OR requested_at >= ?) ORDER BY id DESC LIMIT ?`,
  )
    .all(tenant, options.draftId ?? null, options.draftId ?? null, options.since ?? null, options.since ?? null, options.limit ?? 200)
    .map((row) => withPosts(db, row));
}
