import { InvalidRequestError } from '../errors.ts';
import { statement } from '../storage/statement.ts';
import { authorizeComms } from './authorize-comms.ts';
import type { CommsDeps } from './comms-deps.ts';
import { checkDraftText, composeDraft } from './compose-draft.ts';
import type { Draft, DraftSource, DraftVersion } from './draft.ts';
import { enqueueReviewCards } from './enqueue-review-cards.ts';
import { lineDiff } from './line-diff.ts';
import { loadDraft, loadDraftVersion } from './load-draft.ts';
import type { Tone } from './parse-draft-request.ts';
import { recordDraftEvent } from './record-draft-event.ts';

export type Revision = { edit: string } | { regenerate: { tone?: Tone } };

const maxText = 6000;

/**
 * Makes a new numbered version of a draft: a person's edit, or a
 * regeneration (in another tone) from fresh sources. Either way the text is
 * claim-checked again and diffed against the version before. The draft goes
 * back to `draft`: an approval was for the version approved, so an edit
 * after approval needs approving again, and a publication scheduled for the
 * earlier version is cancelled.
 */
export async function reviseDraft(deps: CommsDeps, input: { tenant: string; id: number; actor: string; revision: Revision; basedOn?: number }): Promise<{ draft: Draft; version: DraftVersion; note?: string }> {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const today = at.slice(0, 10);
  const person = authorizeComms(db, { tenant: input.tenant, actor: input.actor, action: 'draft', subject: `draft:${input.id}`, at });
  const before = loadDraft(db, input.tenant, input.id);
  const previous = loadDraftVersion(db, before);
  if (input.basedOn !== undefined && input.basedOn !== before.currentVersion) {
    throw new InvalidRequestError('version', `Version ${input.basedOn} is no longer the latest: version ${before.currentVersion} is. Open the latest before changing it.`);
  }
  const subject = { tenant: input.tenant, drafter: person, audience: before.audience, notes: before.notes, today };
  let text: string;
  let tone: Tone = previous.tone;
  let kind: DraftVersion['kind'] = 'edit';
  let generator = `person:${person.id}`;
  let sources: DraftSource[] = previous.sources;
  let note: string | undefined;
  let checked: { claims: DraftVersion['claims']; localMarket: string[] };
  if ('edit' in input.revision) {
    text = input.revision.edit.replace(/\r\n/g, '\n').trim();
    if (!text) throw new InvalidRequestError('text', 'The announcement text is empty.');
    if (text.length > maxText) throw new InvalidRequestError('text', `The announcement is too long (${text.length} characters; at most ${maxText}).`);
    if (text === previous.text.trim()) throw new InvalidRequestError('text', 'Nothing changed: the text is the same as the current version.');
    checked = checkDraftText(db, { ...subject, text });
  } else {
    tone = input.revision.regenerate.tone ?? previous.tone;
    const composed = await composeDraft(deps, { ...subject, topic: before.topic, tone });
    ({ text, kind, generator } = composed.written);
    note = composed.written.note;
    sources = composed.sources;
    checked = composed;
  }
  db.transaction(() => {
    const draft = loadDraft(db, input.tenant, input.id);
    if (draft.revision !== before.revision) throw new InvalidRequestError('version', `Draft #${draft.id} changed while you were editing it (it is at version ${draft.currentVersion}); open the latest and try again.`);
    const number = draft.currentVersion + 1;
    statement(
      db,
      `INSERT INTO draft_versions (tenant, draft_id, number, text, tone, kind, generator, author, created_at, sources, claims, diff, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.tenant, draft.id, number, text, tone, kind, generator, person.id, at, JSON.stringify(sources), JSON.stringify(checked.claims), lineDiff(previous.text, text, previous.number, number), JSON.stringify(checked.localMarket));
    statement(
      db,
      `UPDATE drafts SET current_version = ?, status = 'draft', approved_version = NULL, approved_at = NULL, revision = revision + 1
        WHERE tenant = ? AND id = ? AND revision = ?`,
    ).run(number, input.tenant, draft.id, draft.revision);
    const cancelled = statement(
      db,
      `UPDATE publications SET status = 'cancelled', reason = ? WHERE tenant = ? AND draft_id = ? AND status = 'scheduled'`,
    ).run(`version ${number} replaced the approved version ${draft.approvedVersion ?? previous.number}`, input.tenant, draft.id);
    const revised = loadDraft(db, input.tenant, draft.id);
    // The reviewers' cards of the version replaced now say so, and lose their buttons.
    if (draft.status !== 'draft') enqueueReviewCards(db, { draft: revised, version: loadDraftVersion(db, revised, draft.currentVersion), step: 'replaced', at });
    recordDraftEvent(db, {
      type: kind === 'edit' ? 'edited' : 'regenerated',
      draft: revised,
      actor: person.id,
      at,
      data: { from: previous.number, kind, generator, tone, flagged: checked.claims.filter((c) => c.status !== 'supported').length, wasApproved: draft.status === 'approved', cancelledPublications: cancelled.changes },
    });
  }).immediate();
  const draft = loadDraft(db, input.tenant, input.id);
  return { draft, version: loadDraftVersion(db, draft), ...(note ? { note } : {}) };
}
