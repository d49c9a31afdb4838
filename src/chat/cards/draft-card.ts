import { activeAnnouncementSettings } from '../../comms/active-announcement-settings.ts';
import { describeAudience } from '../../comms/audience.ts';
import type { ClaimCheck } from '../../comms/check-claims.ts';
import type { Draft, DraftReview, DraftVersion } from '../../comms/draft.ts';
import { findPerson } from '../../directory/find-person.ts';
import type { Db } from '../../storage/open-database.ts';
import type { Card, CardAction, CardElement } from '../card.ts';
import { editDraftForm, publishDraftForm, regenerateDraftForm, requestChangesForm } from './draft-forms.ts';

const statusLine: Record<Draft['status'], string> = {
  draft: '📝 Draft: not yet submitted for review',
  in_review: '⏳ With the reviewers',
  changes_requested: '✏️ Changes requested',
  approved: '✅ Approved: ready to publish',
  published: '📣 Published',
};

const kindLine: Record<DraftVersion['kind'], string> = {
  template: 'Template draft (written from the policy text without a language model)',
  model: 'Written by a language model from the sources, then claim-checked',
  edit: 'Edited by hand, then claim-checked',
};

const name = (db: Db, tenant: string, id: string) => findPerson(db, tenant, 'id', id)?.name ?? id;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The claim check as card elements: every flagged sentence with why, and the source text it was checked against. */
export function claimElements(claims: ClaimCheck[]): CardElement[] {
  const flagged = claims.filter((claim) => claim.status !== 'supported');
  const supported = claims.length - flagged.length;
  const elements: CardElement[] = [];
  if (flagged.length === 0) {
    elements.push({ type: 'note', text: claims.length === 0 ? 'Claim check: no factual claims found.' : `Claim check: all ${supported} factual claim${supported === 1 ? '' : 's'} match the sources.` });
    return elements;
  }
  elements.push({ type: 'text', text: `**Claim check: ${flagged.length} flagged**, ${supported} supported` });
  for (const claim of flagged.slice(0, 8)) {
    elements.push({ type: 'text', text: `${claim.status === 'contradicted' ? '⛔ Contradicted' : '⚠️ Unsupported'}: “${clip(claim.sentence, 300)}”` });
    if (claim.source) elements.push({ type: 'quote', text: clip(claim.source.text, 500) });
    if (claim.current) elements.push({ type: 'quote', text: `Current: ${clip(claim.current.text, 500)}` });
    elements.push({ type: 'note', text: claim.explanation });
  }
  return elements;
}

function sourcesNote(version: DraftVersion): CardElement {
  const list = version.sources.map((source) => (source.kind === 'policy' ? `${source.title} v${source.version}, "${source.section}"` : `note ${source.id}`));
  return { type: 'note', text: `Sources: ${list.length ? list.join(' · ') : 'none'}` };
}

function facts(db: Db, draft: Draft, version: DraftVersion): CardElement {
  const localMarket = version.localMarket.length ? [{ label: 'Local-market review', value: `needed for ${version.localMarket.join(', ')}` }] : [];
  return {
    type: 'facts',
    facts: [
      { label: 'Audience', value: describeAudience(draft.audience) },
      { label: 'Version', value: `${version.number} (${version.tone})` },
      { label: 'Status', value: statusLine[draft.status] },
      { label: 'Drafted by', value: name(db, draft.tenant, draft.createdBy) },
      ...localMarket,
    ],
  };
}

function header(db: Db, draft: Draft, version: DraftVersion): CardElement[] {
  return [{ type: 'text', text: version.text }, facts(db, draft, version), { type: 'note', text: kindLine[version.kind] }, ...claimElements(version.claims), sourcesNote(version)];
}

/**
 * The drafter's card: the text of the current version, audience, version,
 * status, how it was written (template drafts labelled as such), the claim
 * check with the source text of every flag, and what can be done next:
 * Submit for review / Regenerate (tone) / Edit while it is a draft, Publish
 * (channel and optional time) once approved.
 */
export function draftCard(db: Db, draft: Draft, version: DraftVersion, note?: string): Card {
  const value = { draftId: String(draft.id), version: String(version.number) };
  const actions: CardAction[] = [];
  const current = version.number === draft.currentVersion;
  if (current && (draft.status === 'draft' || draft.status === 'changes_requested')) actions.push({ id: 'draft.submit', label: 'Submit for review', style: 'primary', value });
  if (current && draft.status === 'approved' && draft.approvedVersion === version.number) {
    actions.push({ id: 'draft.publish', label: 'Publish', style: 'primary', value, form: publishDraftForm(draft.id, version.number, activeAnnouncementSettings(db, draft.tenant).channels) });
  }
  if (current) {
    actions.push({ id: 'draft.regenerate', label: 'Regenerate', value, form: regenerateDraftForm(draft.id, version.number, version.tone) });
    actions.push({ id: 'draft.edit', label: 'Edit', value, form: editDraftForm(draft.id, version.number, version.text) });
  }
  const body = header(db, draft, version);
  if (note) body.push({ type: 'note', text: note });
  return {
    key: `draft:${draft.id}`,
    title: `Announcement draft #${draft.id}: ${clip(draft.topic, 80)}`,
    body,
    actions,
    summary: `Announcement draft #${draft.id} (version ${version.number}): ${clip(draft.topic, 120)}`,
    ...(version.kind === 'model' ? { generated: true } : {}),
  };
}

/** The claim check in counts only: its flags quote the sources, which a withheld card must not. */
function claimCounts(claims: ClaimCheck[]): CardElement {
  const flagged = claims.filter((claim) => claim.status !== 'supported').length;
  return { type: 'note', text: `Claim check: ${flagged} flagged, ${claims.length - flagged} supported.` };
}

/**
 * The reviewers' card for one version: the text, what changed since the
 * version before (a line diff), the claim check with source text, audience
 * and local-market flags, who has approved, and Approve / Request changes
 * while that version waits for them. With `textShown: false` (readers who
 * may not see every source) the text, the diff and the quoted flags are
 * left out: the card names the sources, and **Show the draft** shows the
 * whole card to the person who presses it, if they may see every source.
 */
export function draftReviewCard(db: Db, draft: Draft, version: DraftVersion, reviews: DraftReview[], options: { textShown: boolean } = { textShown: true }): Card {
  const value = { draftId: String(draft.id), version: String(version.number) };
  const open = draft.status === 'in_review' && draft.currentVersion === version.number;
  const approvals = reviews.filter((review) => review.version === version.number && review.decision === 'approve');
  const body = options.textShown ? header(db, draft, version) : withheldHeader(db, draft, version);
  if (version.diff && options.textShown) body.push({ type: 'quote', text: clip(version.diff, 1500) });
  body.push({
    type: 'note',
    text: `Reviewers: ${draft.reviewers.map((group) => `${group} ${approvals.some((a) => a.group === group) ? `✅ ${name(db, draft.tenant, approvals.find((a) => a.group === group)!.reviewer)}` : '⏳'}`).join(' · ')}`,
  });
  if (!open && draft.currentVersion !== version.number) body.push({ type: 'text', text: `**Replaced by version ${draft.currentVersion}.**` });
  else if (!open) body.push({ type: 'text', text: `**${statusLine[draft.status]}**` });
  const show: CardAction[] = options.textShown ? [] : [{ id: 'draft.show', label: 'Show the draft', value }];
  return {
    key: `draft-review:${draft.id}:${version.number}`,
    title: `Review announcement #${draft.id}, version ${version.number}`,
    body,
    actions: open
      ? [
          ...show,
          { id: 'draft.approve', label: 'Approve', style: 'primary', value },
          { id: 'draft.request-changes', label: 'Request changes', style: 'danger', value, form: requestChangesForm(draft.id, version.number) },
        ]
      : show,
    summary: `Announcement #${draft.id} (version ${version.number}) by ${name(db, draft.tenant, draft.createdBy)} waits for review: ${clip(draft.topic, 120)}`,
    ...(version.kind === 'model' && options.textShown ? { generated: true } : {}),
  };
}

/** The facts of a review card without anything quoted from the sources. */
function withheldHeader(db: Db, draft: Draft, version: DraftVersion): CardElement[] {
  return [
    {
      type: 'text',
      text: '🔒 This draft quotes policies that not everyone here may read, so its text is not shown here. **Show the draft** shows it to you alone, if you may read every source.',
    },
    facts(db, draft, version),
    claimCounts(version.claims),
    sourcesNote(version),
  ];
}
