import { InvalidRequestError } from '../errors.ts';
import { groupIds } from '../directory/find-person.ts';
import { statement } from '../storage/statement.ts';
import { activeAnnouncementSettings } from './active-announcement-settings.ts';
import { authorizeComms } from './authorize-comms.ts';
import type { CommsDeps } from './comms-deps.ts';
import type { Draft, DraftVersion } from './draft.ts';
import { enqueueReviewCards } from './enqueue-review-cards.ts';
import { groupsNobodyMayReview } from './groups-nobody-may-review.ts';
import { loadDraft, loadDraftVersion } from './load-draft.ts';
import { recordDraftEvent } from './record-draft-event.ts';
import { routeReview } from './route-review.ts';

const notSubmittable: Partial<Record<Draft['status'], string>> = {
  in_review: 'is already with the reviewers',
  approved: 'is already approved; publish it, or edit it to start over',
};

/**
 * Sends the current version of a draft to its reviewers: the groups its
 * content calls for (comms, plus HR for pay and benefits, legal for legal
 * claims and obligations, the cited policies' owners, local-market
 * reviewers; see comms.yml). Each group gets a review card in its channel
 * through the outbox, in the same transaction as the change. A draft that
 * some group could not review (nobody there may read every source it
 * quotes) is not sent: it would wait forever.
 */
export function submitDraft(deps: CommsDeps, input: { tenant: string; id: number; actor: string; version?: number }): { draft: Draft; reasons: string[] } {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  authorizeComms(db, { tenant: input.tenant, actor: input.actor, action: 'draft', subject: `draft:${input.id}`, at });
  const groups = groupIds(db, input.tenant);
  const settings = activeAnnouncementSettings(db, input.tenant);
  return db
    .transaction(() => {
      const draft = loadDraft(db, input.tenant, input.id);
      if (input.version !== undefined && input.version !== draft.currentVersion) throw new InvalidRequestError('version', `Version ${input.version} was replaced by version ${draft.currentVersion}; submit the latest.`);
      const why = notSubmittable[draft.status];
      if (why) throw new InvalidRequestError('status', `Draft #${draft.id} ${why}.`);
      const version = loadDraftVersion(db, draft);
      const routed = routeReview(settings, { text: version.text, sources: version.sources, localMarket: version.localMarket, groups });
      if (routed.groups.length === 0) throw new InvalidRequestError('reviewers', 'No reviewer group of the directory reviews announcements (comms.yml review.always).');
      const unreviewable = groupsNobodyMayReview(db, draft, version, routed.groups);
      if (unreviewable.length > 0) throw new InvalidRequestError('reviewers', nobodyMayReview(unreviewable, version));
      statement(db, `UPDATE drafts SET status = 'in_review', reviewers = ?, revision = revision + 1 WHERE tenant = ? AND id = ? AND revision = ?`).run(JSON.stringify(routed.groups), input.tenant, draft.id, draft.revision);
      const submitted = loadDraft(db, input.tenant, draft.id);
      recordDraftEvent(db, { type: 'submitted', draft: submitted, actor: input.actor, at, data: { reviewers: routed.groups, reasons: routed.reasons } });
      enqueueReviewCards(db, { draft: submitted, version, step: 'review', at });
      return { draft: submitted, reasons: routed.reasons };
    })
    .immediate();
}

function nobodyMayReview(groups: string[], version: DraftVersion): string {
  const titles = [...new Set(version.sources.flatMap((source) => (source.kind === 'policy' ? [source.title] : [])))];
  return `Nobody in ${groups.join(', ')} (other than you) may read every source this draft quotes (${titles.join(', ')}), so nobody there could review it. Nothing was sent: draft it without those policies, or ask an administrator for a reviewer in that group who may read them.`;
}
