import { beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/comms/create-draft.ts';
import type { CommsDeps } from '../../src/comms/comms-deps.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';
import { reviewDraft } from '../../src/comms/review-draft.ts';
import { reviseDraft } from '../../src/comms/revise-draft.ts';
import { submitDraft } from '../../src/comms/submit-draft.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { noticesForPerson } from '../../src/reports/notices-for-person.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { loadAcmeAnnouncementSettings } from './support.ts';

const now = () => new Date('2026-03-02T10:00:00Z');
const vocabulary = { departments: ['comms'], locations: ['US', 'UK', 'DE'], roles: ['manager', 'comms'] };
let db: Db;
let deps: CommsDeps;

beforeEach(async () => {
  db = await loadExamples();
  loadAcmeAnnouncementSettings(db);
  deps = { db, now };
});

type Notice = { to: { group: string }; card: { key: string; body: { text?: string }[]; actions: { id: string }[] }; inPlace?: boolean };
const groupNotices = (): Notice[] =>
  (db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' AND json_extract(payload, '$.to.group') IS NOT NULL ORDER BY id").all() as { payload: string }[]).map((row) => JSON.parse(row.payload) as Notice);

describe('announcement review cards', () => {
  it('are one card per group and version, kept up to date: changes requested, then replaced by the next version', async () => {
    const { draft } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request: parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees', vocabulary), conversation: 'cli' });
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'lena', review: { decision: 'request_changes', comment: 'Lead with the bank holidays.' } });
    await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: 'UK employees receive 25 days of annual leave per holiday year.' } });
    const notices = groupNotices();
    expect(notices.every((notice) => notice.inPlace === true && notice.card.key === `draft-review:${draft.id}:1`)).toBe(true);
    const latest = notices.filter((notice) => notice.to.group === 'comms');
    // Submitted, changes requested, replaced: the same card, its buttons gone once it no longer waits for review.
    expect(latest).toHaveLength(3);
    expect(latest[0]!.card.actions.map((action) => action.id)).toContain('draft.approve');
    expect(JSON.stringify(latest[1]!.card.body)).toContain('Changes requested');
    expect(JSON.stringify(latest[2]!.card.body)).toContain('Replaced by version 2');
    expect(latest.slice(1).every((notice) => notice.card.actions.length === 0)).toBe(true);

    // The console shows each group's card once, in its latest state.
    const omar = noticesForPerson(db, 'acme', findPerson(db, 'acme', 'id', 'omar')!, 'console:omar').filter((row) => row.payload.includes('draft-review'));
    expect(omar).toHaveLength(1);
    expect(omar[0]!.payload).toContain('Replaced by version 2');
  });
});
