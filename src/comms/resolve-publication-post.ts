import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { InvalidRequestError, NotFoundError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { authorizeComms } from './authorize-comms.ts';
import { loadPublication } from './list-publications.ts';
import { markPublicationPosted, releasePublicationPost } from './publication-posts.ts';
import type { Publication } from './publication.ts';
import { queuePublicationPost } from './publish-draft.ts';

/** What someone who looked at the channel found: the post is there, or it is not. */
export type PostOutcome = 'posted' | 'not-posted';

/**
 * Settles a post whose outcome was lost (still "posting": the platform may
 * or may not have it, and Teams cannot be asked), once someone allowed to
 * publish has looked at the channel. `posted` records it as made; `not-posted`
 * gives its claim back and queues it again, so the publisher posts it once.
 * Audited either way. A post that is not waiting to be checked is refused.
 */
export function resolvePublicationPost(db: Db, input: { tenant: string; publicationId: number; channel: string; actor: string; outcome: PostOutcome; at: Date }): Publication {
  const at = input.at.toISOString();
  const subject = `publication:${input.publicationId}`;
  authorizeComms(db, { tenant: input.tenant, actor: input.actor, action: 'publish', subject, at });
  const publication = loadPublication(db, input.tenant, input.publicationId);
  const target = publication.targets.find((candidate) => candidate.channel === input.channel || candidate.id === input.channel);
  if (!target) throw new NotFoundError(`Publication #${publication.id} was not sent to "${input.channel}"; it went to ${publication.targets.map((t) => t.id).join(', ')}.`);
  const post = publication.posts.find((candidate) => candidate.platform === target.platform && candidate.channel === target.channel);
  if (post?.status !== 'posting') {
    throw new InvalidRequestError('channel', `The post of publication #${publication.id} to ${target.name} is not waiting to be checked: ${post ? 'it was posted' : 'it has not been attempted yet'}.`);
  }
  const key = { tenant: input.tenant, publicationId: publication.id, platform: target.platform, channel: target.channel };
  db.transaction(() => {
    if (input.outcome === 'posted') markPublicationPosted(db, { ...key, messageRef: '', at });
    else {
      const { attempted_at: attemptedAt } = statement<[number, string, string], { attempted_at: string }>(
        db,
        'SELECT attempted_at FROM publication_posts WHERE publication_id = ? AND platform = ? AND channel = ?',
      ).get(publication.id, target.platform, target.channel)!;
      releasePublicationPost(db, key);
      queuePublicationPost(db, publication, target, at, `again-after:${attemptedAt}`);
    }
    appendAuditEvent(db, { tenant: input.tenant, type: 'announcement.post_resolved', actor: input.actor, subject, data: { channel: target.id, platform: target.platform, outcome: input.outcome }, at });
  }).immediate();
  return loadPublication(db, input.tenant, publication.id);
}
