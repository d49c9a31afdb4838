import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDraft } from '../../src/comms/create-draft.ts';
import { listPublications } from '../../src/comms/list-publications.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';
import { publishDraft } from '../../src/comms/publish-draft.ts';
import { reviewDraft } from '../../src/comms/review-draft.ts';
import { reviseDraft } from '../../src/comms/revise-draft.ts';
import { runDuePublications } from '../../src/comms/run-due-publications.ts';
import { submitDraft } from '../../src/comms/submit-draft.ts';
import { loadPolicyRoot } from '../../src/policies/load-policy-root.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { examplesDir } from '../support/examples.ts';
import { fakeMembers, loadAcmeAnnouncementSettings, ukStaff } from './support.ts';

const vocabulary = { departments: [], locations: ['UK', 'US'], roles: [] };
const request = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees', vocabulary);

async function approvedDraft(file: string, at: Date) {
  const db = openDatabase(file);
  await loadPolicyRoot(db, examplesDir, { now: () => at });
  loadAcmeAnnouncementSettings(db);
  const deps = { db, now: () => at, membersOf: { slack: fakeMembers({ C0ACMEUKALL: ukStaff }) } };
  const { draft } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request, conversation: 'cli' });
  submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
  for (const actor of ['omar', 'lena', 'maya']) reviewDraft(deps, { tenant: 'acme', id: draft.id, actor, review: { decision: 'approve' } });
  return { db, deps, draft };
}

const publishMessages = (db: ReturnType<typeof openDatabase>) => (db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'").get() as { n: number }).n;

describe('scheduled publications', () => {
  it('survive a restart: the schedule is in the database, and the timer after reopening sends it once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-desk-comms-')), 'desk.db');
    const monday = new Date('2026-03-02T10:00:00Z');
    const { db, deps, draft } = await approvedDraft(file, monday);
    const publication = await publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'], at: new Date('2026-03-03T09:00:00Z') });
    expect(publication).toMatchObject({ status: 'scheduled', dueAt: '2026-03-03T09:00:00.000Z' });
    expect(await runDuePublications(deps)).toBe(0);
    expect(publishMessages(db)).toBe(0);
    db.close();

    const reopened = openDatabase(file);
    const later = { db: reopened, now: () => new Date('2026-03-03T09:00:30Z'), membersOf: { slack: fakeMembers({ C0ACMEUKALL: ukStaff }) } };
    expect(await runDuePublications(later)).toBe(1);
    expect(await runDuePublications(later)).toBe(0);
    expect(publishMessages(reopened)).toBe(1);
    expect(listPublications(reopened, 'acme')[0]).toMatchObject({ status: 'sent', sentAt: '2026-03-03T09:00:30.000Z', recipients: ukStaff, requestedBy: 'nora' });
    reopened.close();
  });

  it('is refused at send time when a US member has joined the channel meanwhile', async () => {
    const { db, deps, draft } = await approvedDraft(':memory:', new Date('2026-03-02T10:00:00Z'));
    await publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'], at: new Date('2026-03-03T09:00:00Z') });
    const later = { db, now: () => new Date('2026-03-03T09:01:00Z'), membersOf: { slack: fakeMembers({ C0ACMEUKALL: [...ukStaff, 'tom'] }) } };
    expect(await runDuePublications(later)).toBe(0);
    expect(listPublications(db, 'acme')[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/1 member outside the audience/) });
    expect(publishMessages(db)).toBe(0);
  });

  it('is cancelled by an edit: the new version is not approved and the old one is no longer what comms wants sent', async () => {
    const { db, deps, draft } = await approvedDraft(':memory:', new Date('2026-03-02T10:00:00Z'));
    await publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'], at: new Date('2026-03-03T09:00:00Z') });
    await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'omar', revision: { regenerate: { tone: 'concise' } } });
    expect(await runDuePublications({ ...deps, now: () => new Date('2026-03-04T00:00:00Z') })).toBe(0);
    expect(listPublications(db, 'acme')[0]).toMatchObject({ status: 'cancelled' });
    expect(publishMessages(db)).toBe(0);
  });
});
