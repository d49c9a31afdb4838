import { noticeCardBody } from '../chat/cards/publication-notice.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import { findPerson } from '../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError } from '../errors.ts';
import { enqueueOutboxMessage } from '../outbox/enqueue-outbox-message.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { utcMinute } from '../utc-minute.ts';
import { activeAnnouncementSettings } from './active-announcement-settings.ts';
import type { AnnouncementChannel } from './announcement-settings.ts';
import { audienceMembers, describeAudience } from './audience.ts';
import { refuse } from '../rules/refuse.ts';
import { authorizeComms } from './authorize-comms.ts';
import { checkChannelMembers } from './check-channel-members.ts';
import type { CommsDeps } from './comms-deps.ts';
import type { Draft } from './draft.ts';
import { drafterTarget } from './drafter-target.ts';
import { listDraftReviews, loadDraft, loadDraftVersion } from './load-draft.ts';
import { listPublications, loadPublication } from './list-publications.ts';
import { publicationTopic, type Publication } from './publication.ts';
import { recordDraftEvent } from './record-draft-event.ts';

/** Why this draft cannot be published as asked, or undefined when its approved version can. */
export function unpublishableReason(db: Db, draft: Draft, version?: number): string | undefined {
  const approved = (draft.status === 'approved' || draft.status === 'published') && draft.approvedVersion === draft.currentVersion ? draft.approvedVersion : undefined;
  if (approved === undefined) {
    const earlier = listDraftReviews(db, draft).filter((review) => review.decision === 'approve' && review.version < draft.currentVersion).map((review) => review.version);
    const last = earlier.length ? Math.max(...earlier) : undefined;
    return `Version ${draft.currentVersion} of draft #${draft.id} is not approved (${draft.status.replace('_', ' ')})${last !== undefined ? `: it was changed after version ${last} was approved, so it needs approving again` : ''}. Only an approved version can be published.`;
  }
  if (version !== undefined && version !== approved) return `Only version ${approved} of draft #${draft.id} is approved; version ${version} cannot be published.`;
  return undefined;
}

/**
 * Queues the post of a publication to one channel: an `announcement.publish`
 * outbox message carrying exactly the approved text, which that platform's
 * publisher posts once. `attempt` names a second queuing of the same post
 * (after a lost outcome was found not posted); the first has none.
 */
export function queuePublicationPost(db: Db, publication: Publication, target: Publication['targets'][number], at: string, attempt?: string): void {
  enqueueOutboxMessage(db, {
    tenant: publication.tenant,
    topic: publicationTopic,
    payload: {
      publicationId: publication.id, draftId: publication.draftId, version: publication.version, text: publication.text,
      target: { platform: target.platform, channel: target.channel, name: target.name },
      audience: publication.audience, recipients: publication.recipients?.length ?? 0, publishedBy: publication.requestedBy, at,
    },
    idempotencyKey: `${publication.tenant}:publication:${publication.id}:${target.platform}:${target.channel}${attempt ? `:${attempt}` : ''}`,
    at: new Date(at),
  });
}

/**
 * Sends a publication in the caller's transaction: one outbox message
 * `announcement.publish` per target channel carrying exactly the approved
 * text (the channel adapters post it), the draft marked published, the
 * audit event, and a word to the drafter.
 */
export function commitPublication(db: Db, publication: Publication, draft: Draft, at: string): void {
  for (const target of publication.targets) queuePublicationPost(db, publication, target, at);
  statement(db, `UPDATE drafts SET status = 'published', revision = revision + 1 WHERE tenant = ? AND id = ?`).run(draft.tenant, draft.id);
  const published = loadDraft(db, draft.tenant, draft.id);
  recordDraftEvent(db, {
    type: 'published', draft: published, actor: publication.requestedBy, at, key: `publication:${publication.id}`,
    data: { publication: publication.id, version: publication.version, targets: publication.targets, recipients: publication.recipients ?? [], scheduledFor: publication.dueAt },
  });
  enqueueNotice(db, {
    tenant: draft.tenant, to: drafterTarget(draft), key: `${draft.tenant}:publication:${publication.id}:sent`, at: new Date(at),
    card: noticeCardBody(`📣 Announcement #${draft.id} version ${publication.version} is being posted to ${publication.targets.map((t) => t.name).join(', ')} for ${describeAudience(publication.audience)} (${publication.recipients?.length ?? 0} people).`),
  });
}

/**
 * Why a version cannot go to these channels again, or undefined: each
 * approved version goes to a channel once (sent, or scheduled to be), so a
 * double click on Publish, or a second person publishing the same draft,
 * never posts it twice. A new approved version may go again.
 */
function publishedBefore(db: Db, draft: Draft, version: number, channels: AnnouncementChannel[]): string | undefined {
  const earlier = listPublications(db, draft.tenant, { draftId: draft.id }).filter((p) => p.version === version && (p.status === 'sent' || p.status === 'scheduled'));
  for (const publication of earlier) {
    const again = publication.targets.filter((target) => channels.some((channel) => channel.id === target.id));
    if (again.length === 0) continue;
    const who = findPerson(db, draft.tenant, 'id', publication.requestedBy)?.name ?? publication.requestedBy;
    const when = publication.status === 'sent' ? `was published to ${again.map((t) => t.name).join(', ')} by ${who} at ${utcMinute(publication.requestedAt)}` : `is scheduled for ${again.map((t) => t.name).join(', ')} at ${utcMinute(publication.dueAt)} (by ${who})`;
    return `Version ${version} of draft #${draft.id} ${when} (publication #${publication.id}); it is not posted twice.`;
  }
  return undefined;
}

function resolveChannels(db: Db, tenant: string, ids: string[]): AnnouncementChannel[] {
  const channels = activeAnnouncementSettings(db, tenant).channels;
  if (ids.length === 0) throw new InvalidRequestError('channel', `Name a channel to publish to${channels.length ? `: ${channels.map((c) => c.id).join(', ')}` : ' (this workspace lists none in channels.yml)'}.`);
  return [...new Set(ids)].map((id) => {
    const channel = channels.find((candidate) => candidate.id === id);
    if (!channel) throw new InvalidRequestError('channel', `"${id}" is not an announcement channel of this workspace${channels.length ? `; use one of ${channels.map((c) => c.id).join(', ')}` : ' (channels.yml lists none)'}.`);
    return channel;
  });
}

/**
 * Publishes the approved version of a draft to announcement channels (from
 * channels.yml), now or at a later time. Only a person allowed to `publish`
 * may; only the approved version, exactly as approved, is sent; and every
 * channel's live members must all be in the audience, or nothing is posted.
 * A scheduled publication is stored and sent by `runDuePublications` (after
 * a restart too), which checks all of this again at send time.
 */
export async function publishDraft(deps: CommsDeps, input: { tenant: string; id: number; actor: string; channels: string[]; version?: number; at?: Date }): Promise<Publication> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  const subject = `draft:${input.id}`;
  authorizeComms(db, { tenant: input.tenant, actor: input.actor, action: 'publish', subject, at });
  const draft = loadDraft(db, input.tenant, input.id);
  const notApproved = unpublishableReason(db, draft, input.version);
  if (notApproved) throw refuse(db, { tenant: input.tenant, actor: input.actor, subject, action: 'announcement.publish', rule: 'approved-version-only', reason: notApproved, at });
  const channels = resolveChannels(db, input.tenant, input.channels);
  const twice = publishedBefore(db, draft, draft.approvedVersion!, channels);
  if (twice) throw new NotAllowedError('published-once', twice);
  const scheduled = input.at !== undefined && input.at.getTime() > now.getTime() + 60_000;
  if (input.at !== undefined && Number.isNaN(input.at.getTime())) throw new InvalidRequestError('at', 'That is not a time.');
  const members = audienceMembers(db, input.tenant, draft.audience).map((person) => person.id);
  const refusals = await checkChannelMembers(deps, input.tenant, channels, new Set(members));
  if (refusals.length > 0) {
    const reason = `Not published: ${refusals.map((r) => r.reason).join('; ')}. An announcement for ${describeAudience(draft.audience)} goes only to channels whose members are all in that audience.`;
    throw refuse(db, { tenant: input.tenant, actor: input.actor, subject, action: 'announcement.publish', rule: 'channel-audience', reason, at });
  }
  const id = db
    .transaction(() => {
      // The membership check awaited the platforms: re-read the draft, which may have been edited meanwhile.
      const current = loadDraft(db, input.tenant, input.id);
      const again = unpublishableReason(db, current, draft.approvedVersion);
      if (again) throw new NotAllowedError('approved-version-only', again);
      // A second click may have published while this one waited on the platforms.
      const twiceNow = publishedBefore(db, current, current.approvedVersion!, channels);
      if (twiceNow) throw new NotAllowedError('published-once', twiceNow);
      const version = loadDraftVersion(db, current, current.approvedVersion);
      const row = statement<unknown[], { id: number }>(
        db,
        `INSERT INTO publications (tenant, draft_id, version, requested_by, requested_at, due_at, status, targets, audience, recipients, text, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ).get(
        input.tenant, current.id, version.number, input.actor, at, scheduled ? input.at!.toISOString() : at, scheduled ? 'scheduled' : 'sent',
        JSON.stringify(channels.map((c) => ({ id: c.id, platform: c.platform, channel: c.channel, name: c.name }))), JSON.stringify(current.audience),
        scheduled ? null : JSON.stringify(members), version.text, scheduled ? null : at,
      )!;
      const publication = loadPublication(db, input.tenant, row.id);
      if (scheduled) {
        recordDraftEvent(db, { type: 'scheduled', draft: current, actor: input.actor, at, key: `publication:${row.id}`, data: { publication: row.id, version: version.number, targets: publication.targets, dueAt: publication.dueAt } });
      } else {
        commitPublication(db, publication, current, at);
      }
      return row.id;
    })
    .immediate();
  return loadPublication(db, input.tenant, id);
}
