import type { AnnouncementChannel } from '../../comms/announcement-settings.ts';
import { tones, type Tone } from '../../comms/parse-draft-request.ts';
import type { Form } from '../card.ts';

const ref = (draftId: number, version: number) => ({ draftId: String(draftId), version: String(version) });

/** Edit a draft by hand: the current text, prefilled; submitting makes a new version. */
export function editDraftForm(draftId: number, version: number, text: string): Form {
  return {
    id: 'draft.edit',
    title: `Edit draft #${draftId}`,
    intro: [{ type: 'note', text: `Editing version ${version}. Your text becomes a new version, claim-checked like the first; an approved draft needs approving again.` }],
    fields: [{ id: 'text', label: 'Announcement text', kind: 'textarea', required: true, initial: text, maxLength: 3000 }],
    submitLabel: 'Save new version',
    value: ref(draftId, version),
  };
}

/** Regenerate a draft from its sources, in a tone. */
export function regenerateDraftForm(draftId: number, version: number, tone: Tone): Form {
  return {
    id: 'draft.regenerate',
    title: `Regenerate draft #${draftId}`,
    intro: [{ type: 'note', text: 'Writes a new version from the approved sources.' }],
    fields: [{ id: 'tone', label: 'Tone', kind: 'choice', required: true, initial: tone, choices: tones.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) })) }],
    submitLabel: 'Regenerate',
    value: ref(draftId, version),
  };
}

/** A reviewer asks for changes: the comment is required and goes to the drafter. */
export function requestChangesForm(draftId: number, version: number): Form {
  return {
    id: 'draft.request-changes',
    title: `Request changes to draft #${draftId}`,
    intro: [{ type: 'text', text: `Version ${version}` }],
    fields: [{ id: 'comment', label: 'What should change? (the drafter sees it)', kind: 'textarea', required: true }],
    submitLabel: 'Request changes',
    value: ref(draftId, version),
  };
}

/** Publish the approved version: the channel, and optionally a time (UTC) to send it at. */
export function publishDraftForm(draftId: number, version: number, channels: AnnouncementChannel[]): Form {
  return {
    id: 'draft.publish',
    title: `Publish draft #${draftId}`,
    intro: [{ type: 'text', text: `Sends approved version ${version}, exactly as approved. A channel with anyone outside the audience is refused.` }],
    fields: [
      { id: 'channel', label: 'Channel', kind: 'choice', required: true, choices: channels.map((channel) => ({ value: channel.id, label: `${channel.name} (${channel.platform})` })) },
      { id: 'date', label: 'Send on (optional, UTC)', kind: 'date' },
      { id: 'time', label: 'At (optional, HH:MM UTC)', kind: 'text', maxLength: 5, hint: '09:00' },
    ],
    submitLabel: 'Publish',
    value: ref(draftId, version),
  };
}
