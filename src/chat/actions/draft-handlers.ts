import type { CommsDeps } from '../../comms/comms-deps.ts';
import { listDraftReviews, loadDraft, loadDraftVersion } from '../../comms/load-draft.ts';
import { mayReadDraft } from '../../comms/may-read-draft.ts';
import { sourceVersions } from '../../comms/source-versions.ts';
import { findPerson } from '../../directory/find-person.ts';
import { refuse } from '../../rules/refuse.ts';
import { tones, type Tone } from '../../comms/parse-draft-request.ts';
import { publishDraft } from '../../comms/publish-draft.ts';
import { reviewDraft } from '../../comms/review-draft.ts';
import { reviseDraft } from '../../comms/revise-draft.ts';
import { submitDraft } from '../../comms/submit-draft.ts';
import { InvalidRequestError } from '../../errors.ts';
import { draftCard, draftReviewCard } from '../cards/draft-card.ts';
import { noticeCard } from '../cards/notice-card.ts';
import type { ActionHandler, ChatDeps, FormHandler } from '../chat-handlers.ts';
import type { ChatReply } from '../chat-reply.ts';
import { replyTo } from '../reply-to.ts';
import { utcMinute } from '../../utc-minute.ts';

/** The announcement workflow's dependencies, from the router's. */
export function commsDeps(deps: ChatDeps): CommsDeps {
  return { db: deps.db, now: deps.now, ...(deps.semantic ? { semantic: deps.semantic } : {}), ...(deps.onWarning ? { onWarning: deps.onWarning } : {}), ...deps.comms };
}

/** The draft and version a button or form names: only hints, everything is re-read and re-checked on the server. */
function refOf(value: Record<string, string>): { id: number; version: number } {
  const id = Number(value.draftId);
  const version = Number(value.version);
  if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(version) || version <= 0) throw new InvalidRequestError('draftId', 'That button does not name an announcement draft.');
  return { id, version };
}

type Event = Parameters<ActionHandler['handle']>[1] | Parameters<FormHandler['handle']>[1];

async function drafterCard(deps: ChatDeps, event: Event, id: number, note?: string): Promise<ChatReply[]> {
  deps.afterCommit?.();
  const draft = loadDraft(deps.db, event.tenant, id);
  const version = loadDraftVersion(deps.db, draft);
  const to = await replyTo(event, sourceVersions(version));
  return [{ kind: 'card', card: draftCard(deps.db, draft, version, note), to, replace: to === 'conversation' }];
}

/**
 * The review card after a decision: it replaces the card pressed when
 * every member of the conversation may read the draft's sources; elsewhere
 * it goes to the reviewer alone, and the channel's card is redrawn by the
 * notifier, its text withheld.
 */
async function reviewCard(deps: ChatDeps, event: Event, id: number, version: number, note: string): Promise<ChatReply[]> {
  deps.afterCommit?.();
  const draft = loadDraft(deps.db, event.tenant, id);
  const shown = loadDraftVersion(deps.db, draft, version);
  const to = await replyTo(event, sourceVersions(shown));
  return [{ kind: 'card', card: draftReviewCard(deps.db, draft, shown, listDraftReviews(deps.db, draft)), to, replace: to === 'conversation' }, noticeCard(note)];
}

/**
 * **Show the draft** on a review card whose text is withheld: the whole card
 * to the person who pressed it alone, if they may read every policy it
 * quotes; otherwise refused (audited), saying why.
 */
const show: ActionHandler = {
  action: 'draft.show',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const draft = loadDraft(deps.db, event.tenant, id);
    const shown = loadDraftVersion(deps.db, draft, version);
    const person = findPerson(deps.db, event.tenant, 'id', event.personId);
    if (!person || !mayReadDraft(deps.db, person, shown)) {
      throw refuse(deps.db, { tenant: event.tenant, actor: event.personId, subject: `draft:${id}`, action: 'announcement.show', at: deps.now().toISOString(), rule: 'draft-sources', reason: 'This draft quotes a policy you may not read, so I cannot show it to you.' });
    }
    return [{ kind: 'card', card: draftReviewCard(deps.db, draft, shown, listDraftReviews(deps.db, draft)), to: 'asker' }];
  },
};

const submit: ActionHandler = {
  action: 'draft.submit',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const { draft } = submitDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, version });
    return drafterCard(deps, event, id, `Sent to the reviewers: ${draft.reviewers.join(', ')}.`);
  },
};

const approve: ActionHandler = {
  action: 'draft.approve',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const result = reviewDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, version, review: { decision: 'approve' } });
    const said = { approved: `Approved: version ${version} is ready to publish.`, approval_recorded: 'Your approval is recorded; other reviewer groups still need to approve.', already_counted: 'Your group has already approved this version.', changes_requested: '' };
    return reviewCard(deps, event, id, version, said[result.outcome]);
  },
};

const requestChanges: FormHandler = {
  form: 'draft.request-changes',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    reviewDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, version, review: { decision: 'request_changes', comment: event.fields.comment ?? '' } });
    return reviewCard(deps, event, id, version, 'Your comment is with the drafter.');
  },
};

const edit: FormHandler = {
  form: 'draft.edit',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const result = await reviseDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, basedOn: version, revision: { edit: event.fields.text ?? '' } });
    return drafterCard(deps, event, id, `Saved as version ${result.version.number}.`);
  },
};

const regenerate: FormHandler = {
  form: 'draft.regenerate',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const tone = event.fields.tone;
    if (tone !== undefined && !(tones as readonly string[]).includes(tone)) throw new InvalidRequestError('tone', `Choose a tone: ${tones.join(', ')}.`);
    const result = await reviseDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, basedOn: version, revision: { regenerate: tone ? { tone: tone as Tone } : {} } });
    return drafterCard(deps, event, id, result.note ?? `Regenerated as version ${result.version.number}.`);
  },
};

/** "2026-03-03" and "09:00" (UTC) → a time; neither → now. */
export function scheduledTime(date: string | undefined, time: string | undefined): Date | undefined {
  const day = date?.trim();
  const clock = time?.trim();
  if (!day && !clock) return undefined;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new InvalidRequestError('date', 'Give the day to send it on (YYYY-MM-DD), or leave both empty to send now.');
  if (clock && !/^([01]\d|2[0-3]):[0-5]\d$/.test(clock)) throw new InvalidRequestError('time', 'Give the time as HH:MM (24-hour, UTC).');
  const at = new Date(`${day}T${clock || '09:00'}:00Z`);
  if (Number.isNaN(at.getTime())) throw new InvalidRequestError('date', `${day} is not a date.`);
  return at;
}

const publish: FormHandler = {
  form: 'draft.publish',
  async handle(deps, event) {
    const { id, version } = refOf(event.value);
    const channel = event.fields.channel?.trim();
    if (!channel) throw new InvalidRequestError('channel', 'Choose a channel.');
    const at = scheduledTime(event.fields.date, event.fields.time);
    if (at && at.getTime() < deps.now().getTime() - 60_000) throw new InvalidRequestError('date', 'That time has passed; leave it empty to send now.');
    const publication = await publishDraft(commsDeps(deps), { tenant: event.tenant, id, actor: event.personId, channels: [channel], version, ...(at ? { at } : {}) });
    deps.afterCommit?.();
    return [
      noticeCard(
        publication.status === 'scheduled'
          ? `Scheduled: version ${publication.version} goes to ${publication.targets.map((t) => t.name).join(', ')} at ${utcMinute(publication.dueAt)} (publication #${publication.id}).`
          : `Published: version ${publication.version} is being posted to ${publication.targets.map((t) => t.name).join(', ')} for ${publication.recipients?.length ?? 0} people (publication #${publication.id}).`,
      ),
    ];
  },
};

export const draftActions: ActionHandler[] = [submit, approve, show];
export const draftForms: FormHandler[] = [edit, regenerate, requestChanges, publish];
