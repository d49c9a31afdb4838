import { draftCard } from '../chat/cards/draft-card.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import { findPerson } from '../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError, UnknownPersonError } from '../errors.ts';
import { statement } from '../storage/statement.ts';
import { refuse } from '../rules/refuse.ts';
import type { CommsDeps } from './comms-deps.ts';
import type { Draft } from './draft.ts';
import { drafterTarget } from './drafter-target.ts';
import { enqueueReviewCards } from './enqueue-review-cards.ts';
import { listDraftReviews, loadDraft, loadDraftVersion } from './load-draft.ts';
import { mayReadDraft } from './may-read-draft.ts';
import { recordDraftEvent } from './record-draft-event.ts';

export type ReviewDecision = { decision: 'approve' } | { decision: 'request_changes'; comment: string };

export type ReviewOutcome = { draft: Draft; outcome: 'approval_recorded' | 'approved' | 'changes_requested' | 'already_counted' };

type Attempt = { ok: ReviewOutcome } | { refused: NotAllowedError };

/**
 * A reviewer approves the current version of a draft, or asks for changes
 * with a comment. Checked on the server in one immediate transaction: the
 * draft must be in review at that version (a card for an older version is
 * refused), the reviewer must be in one of its reviewer groups, and neither
 * the drafter nor the author of the version may review it, nor anyone who
 * may not read every policy it quotes. Each group
 * approves once per version; when every group has, the version is approved
 * and the drafter gets the Publish card. Refusals are audited.
 */
export function reviewDraft(deps: CommsDeps, input: { tenant: string; id: number; actor: string; version?: number; review: ReviewDecision }): ReviewOutcome {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const comment = input.review.decision === 'request_changes' ? input.review.comment.trim() : undefined;
  if (input.review.decision === 'request_changes' && !comment) throw new InvalidRequestError('comment', 'Say what should change: the drafter sees your comment.');
  const attempt = db
    .transaction((): Attempt => {
      const draft = loadDraft(db, input.tenant, input.id);
      if (input.version !== undefined && input.version !== draft.currentVersion) {
        throw new InvalidRequestError('version', `Version ${input.version} was replaced by version ${draft.currentVersion}; review the new version.`);
      }
      if (draft.status !== 'in_review') throw new InvalidRequestError('status', `Draft #${draft.id} is not waiting for review (it is ${draft.status.replace('_', ' ')}).`);
      const person = findPerson(db, input.tenant, 'id', input.actor);
      if (!person) throw new UnknownPersonError();
      const version = loadDraftVersion(db, draft);
      const subject = { tenant: input.tenant, actor: input.actor, subject: `draft:${draft.id}`, action: `announcement.${input.review.decision}`, at };
      if (person.id === draft.createdBy || person.id === version.author) {
        return { refused: refuse(db, { ...subject, rule: 'four-eyes', reason: 'You wrote this draft (or this version of it), so someone else must review it.' }) };
      }
      const mine = draft.reviewers.filter((group) => person.groups.includes(group));
      if (mine.length === 0) {
        return { refused: refuse(db, { ...subject, rule: 'draft-reviewers', reason: `Only members of the reviewer groups of this draft (${draft.reviewers.join(', ')}) review it.` }) };
      }
      if (!mayReadDraft(db, person, version)) {
        return { refused: refuse(db, { ...subject, rule: 'draft-sources', reason: 'This draft quotes a policy you may not read, so someone in your group who may read it must review it.' }) };
      }
      const reviews = listDraftReviews(db, draft, version.number);
      if (input.review.decision === 'request_changes') {
        statement(db, `INSERT INTO draft_reviews (tenant, draft_id, version, reviewer, group_id, decision, comment, at) VALUES (?, ?, ?, ?, ?, 'request_changes', ?, ?)`).run(input.tenant, draft.id, version.number, person.id, mine[0], comment, at);
        statement(db, `UPDATE drafts SET status = 'changes_requested', revision = revision + 1 WHERE tenant = ? AND id = ?`).run(input.tenant, draft.id);
        const changed = loadDraft(db, input.tenant, draft.id);
        recordDraftEvent(db, { type: 'changes_requested', draft: changed, actor: person.id, at, data: { group: mine[0], comment } });
        enqueueReviewCards(db, { draft: changed, version, step: 'changes', at });
        enqueueNotice(db, { tenant: input.tenant, to: drafterTarget(changed), card: draftCard(db, changed, version, `✏️ ${person.name} asked for changes: ${comment}`), key: `${input.tenant}:draft:${draft.id}:changes:${changed.revision}`, at: new Date(at) });
        return { ok: { draft: changed, outcome: 'changes_requested' } };
      }
      const approvedGroups = new Set(reviews.filter((review) => review.decision === 'approve').map((review) => review.group));
      const pending = mine.filter((group) => !approvedGroups.has(group));
      if (pending.length === 0) return { ok: { draft, outcome: 'already_counted' } };
      for (const group of pending) {
        statement(db, `INSERT INTO draft_reviews (tenant, draft_id, version, reviewer, group_id, decision, at) VALUES (?, ?, ?, ?, ?, 'approve', ?)`).run(input.tenant, draft.id, version.number, person.id, group, at);
        approvedGroups.add(group);
      }
      const complete = draft.reviewers.every((group) => approvedGroups.has(group));
      if (complete) {
        statement(db, `UPDATE drafts SET status = 'approved', approved_version = ?, approved_at = ?, revision = revision + 1 WHERE tenant = ? AND id = ?`).run(version.number, at, input.tenant, draft.id);
      } else {
        statement(db, 'UPDATE drafts SET revision = revision + 1 WHERE tenant = ? AND id = ?').run(input.tenant, draft.id);
      }
      const updated = loadDraft(db, input.tenant, draft.id);
      recordDraftEvent(db, { type: complete ? 'approved' : 'approval_recorded', draft: updated, actor: person.id, at, data: { groups: pending, approvedVersion: complete ? version.number : null } });
      if (complete) {
        enqueueNotice(db, { tenant: input.tenant, to: drafterTarget(updated), card: draftCard(db, updated, version, `✅ Version ${version.number} is approved by every reviewer group. Only this version can be published.`), key: `${input.tenant}:draft:${draft.id}:approved:${version.number}`, at: new Date(at) });
      }
      // Every reviewer group's card shows who has approved so far.
      enqueueReviewCards(db, { draft: updated, version, step: 'reviewed', at });
      return { ok: { draft: updated, outcome: complete ? 'approved' : 'approval_recorded' } };
    })
    .immediate();
  if ('refused' in attempt) throw attempt.refused;
  return attempt.ok;
}
