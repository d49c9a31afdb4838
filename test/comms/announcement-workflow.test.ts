import { beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/comms/create-draft.ts';
import type { CommsDeps } from '../../src/comms/comms-deps.ts';
import { listPublications } from '../../src/comms/list-publications.ts';
import { listDraftVersions, loadDraft, loadDraftVersion } from '../../src/comms/load-draft.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';
import { publishDraft } from '../../src/comms/publish-draft.ts';
import { reviewDraft } from '../../src/comms/review-draft.ts';
import { reviseDraft } from '../../src/comms/revise-draft.ts';
import { submitDraft } from '../../src/comms/submit-draft.ts';
import { NotAllowedError } from '../../src/errors.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { fakeMembers, loadAcmeAnnouncementSettings, ukStaff } from './support.ts';

const now = () => new Date('2026-03-02T10:00:00Z');
const vocabulary = { departments: ['engineering', 'sales', 'finance', 'security', 'it', 'hr', 'legal', 'compliance', 'comms'], locations: ['US', 'UK', 'DE'], roles: ['manager', 'comms'] };
const ukRequest = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees, friendly tone', vocabulary);

let db: Db;
let deps: CommsDeps;
const members = fakeMembers({ C0ACMEUKALL: ukStaff, C0ACMEUSALL: ['ana', 'hiro', 'tom'], C0ACMEALLHANDS: [...ukStaff, 'ana'] });

beforeEach(async () => {
  db = await loadExamples();
  loadAcmeAnnouncementSettings(db);
  deps = { db, now, membersOf: { slack: members } };
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
const draftUk = () => createDraft(deps, { tenant: 'acme', actor: 'nora', request: ukRequest, conversation: 'slack:C0ACMECOMMS:1700000000.000100' });
const approveAll = (id: number) => {
  reviewDraft(deps, { tenant: 'acme', id, actor: 'omar', review: { decision: 'approve' } });
  reviewDraft(deps, { tenant: 'acme', id, actor: 'lena', review: { decision: 'approve' } });
  return reviewDraft(deps, { tenant: 'acme', id, actor: 'maya', review: { decision: 'approve' } });
};

describe('announcement drafts', () => {
  it('draft from the UK policy every UK employee may see, as a labelled template draft whose claims all check out', async () => {
    const { draft, version } = await draftUk();
    expect(draft).toMatchObject({ status: 'draft', currentVersion: 1, audience: { locations: ['UK'] }, createdBy: 'nora' });
    expect(version.kind).toBe('template');
    expect(version.sources.filter((s) => s.kind === 'policy').every((s) => s.kind === 'policy' && s.policyId === 'pto' && s.jurisdiction === 'UK')).toBe(true);
    expect(version.text).toContain('25 days of annual leave');
    expect(version.claims.length).toBeGreaterThan(0);
    expect(version.claims.filter((claim) => claim.status !== 'supported')).toEqual([]);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'announcement.drafted'")).toBe(1);
  });

  it('drafts only from sources about the topic, not from one that shares a word with it', async () => {
    const request = parseDraftRequest('draft an announcement about annual leave allowance for UK employees', vocabulary);
    const { version } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request, conversation: 'cli' });
    const policies = version.sources.filter((source) => source.kind === 'policy');
    expect(policies).toEqual([expect.objectContaining({ policyId: 'pto', jurisdiction: 'UK', section: 'Allowance' })]);
    // Not the US meal allowance, which would also add finance as a reviewer.
    expect(version.text).not.toContain('meal allowance');
  });

  it('refuses a person without the draft permission, audited, with the rule', async () => {
    await expect(createDraft(deps, { tenant: 'acme', actor: 'ana', request: ukRequest, conversation: 'cli' })).rejects.toMatchObject({ code: 'not_allowed', rule: 'comms-announce, people-team-drafts' });
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND subject = 'draft:new'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM drafts')).toBe(0);
  });

  it('flags a planted wrong number as contradicted, with the source text, and keeps a numbered version with its diff', async () => {
    const { draft, version } = await draftUk();
    const planted = version.text.replace('25 days of annual leave', '28 days of annual leave');
    const edited = await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: planted } });
    expect(edited.version.number).toBe(2);
    expect(edited.version.diff).toContain('-- Paid time off policy (UK)');
    expect(edited.version.diff).toMatch(/\+.*28 days/);
    const flagged = edited.version.claims.filter((claim) => claim.status !== 'supported');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ status: 'contradicted', source: { ref: { policyId: 'pto', jurisdiction: 'UK', status: 'current' } } });
    expect(flagged[0]!.source!.text).toContain('25 days of annual leave');
    expect(listDraftVersions(db, edited.draft).map((v) => v.number)).toEqual([1, 2]);
  });

  it('does not let a note make a value the current policy contradicts "supported"', async () => {
    const noted = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees, friendly tone\nNote: UK employees receive 33 days of annual leave per holiday year.', vocabulary);
    expect(noted.notes).toHaveLength(1);
    const { version } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request: noted, conversation: 'cli' });
    const claim = version.claims.find((check) => check.sentence.includes('33 days'));
    expect(claim).toMatchObject({ status: 'contradicted', source: { ref: { policyId: 'pto', jurisdiction: 'UK' } } });
    expect(claim!.explanation).toMatch(/"33 days of" differs from Paid time off policy \(UK\) version 5\.0, "Allowance", which says 25 days of\. Only note 1 states it\./);
    // A note still supports what no policy speaks to.
    const other = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees\nNote: the office party is on 12 December 2026.', vocabulary);
    const party = (await createDraft(deps, { tenant: 'acme', actor: 'nora', request: other, conversation: 'cli' })).version.claims.find((check) => check.sentence.includes('12 December'));
    expect(party).toMatchObject({ status: 'supported', source: { ref: { kind: 'note', note: 1 } } });
  });

  it('flags a value from the retired travel policy as contradicted, citing the retired version and the current text', async () => {
    const everyone = parseDraftRequest('draft an announcement about hotel limits for business travel for everyone, formal', vocabulary);
    const { draft, version } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request: everyone, conversation: 'cli' });
    expect(version.tone).toBe('formal');
    const edited = await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: `${version.text}\n\nRemember: the hotel limit is $180 per night in every city.` } });
    const retired = edited.version.claims.find((claim) => claim.sentence.includes('$180'));
    expect(retired).toMatchObject({ status: 'contradicted', source: { ref: { policyId: 'travel', version: '3.0', status: 'superseded' } } });
    expect(retired!.source!.text).toBe('The hotel limit is $180 per night in every city.');
    expect(retired!.explanation).toMatch(/no longer in force/);
  });

  it('flags a sentence no source states as unsupported', async () => {
    const { draft, version } = await draftUk();
    const edited = await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: `${version.text}\nEveryone also gets 3 wellness days in August.` } });
    expect(edited.version.claims.find((claim) => claim.sentence.includes('wellness'))).toMatchObject({ status: 'unsupported' });
  });

  it('never draws on a policy only part of the audience may see', async () => {
    // The incident-response policy is confidential to security and IT: for everyone, it is no source.
    const request = parseDraftRequest('draft an announcement about incident response severity levels for everyone', vocabulary);
    const { version } = await createDraft(deps, { tenant: 'acme', actor: 'olga', request, conversation: 'cli' }).catch(() => ({ version: undefined }));
    for (const source of version?.sources ?? []) expect(source.kind === 'policy' && source.policyId).not.toBe('incident-response');
  });
});

describe('review and approval', () => {
  it('routes by content to comms, HR and legal; the drafter cannot approve; every group approves once', async () => {
    const { draft } = await draftUk();
    const submitted = submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    expect(submitted.draft.reviewers).toEqual(['comms', 'hr', 'legal']);
    expect(count("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'chat.notice'")).toBe(3);

    expect(() => reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', review: { decision: 'approve' } })).toThrow(NotAllowedError);
    expect(() => reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'ana', review: { decision: 'approve' } })).toThrow(/reviewer groups/);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied'")).toBe(2);

    expect(reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'omar', review: { decision: 'approve' } }).outcome).toBe('approval_recorded');
    expect(reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'omar', review: { decision: 'approve' } }).outcome).toBe('already_counted');
    reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'lena', review: { decision: 'approve' } });
    const last = reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'maya', review: { decision: 'approve' } });
    expect(last.outcome).toBe('approved');
    expect(last.draft).toMatchObject({ status: 'approved', approvedVersion: 1 });
  });

  it('asks for changes with a comment, and a card for a replaced version is refused', async () => {
    const { draft, version } = await draftUk();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    expect(() => reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'lena', review: { decision: 'request_changes', comment: ' ' } })).toThrow(/Say what should change/);
    expect(reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'lena', review: { decision: 'request_changes', comment: 'Mention the bank holidays first.' } }).draft.status).toBe('changes_requested');
    await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: `${version.text}\n` + 'See Workday for your balance.' } });
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    expect(() => reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'omar', version: 1, review: { decision: 'approve' } })).toThrow(/replaced by version 2/);
  });
});

describe('publishing', () => {
  it('refuses an unapproved version and a version edited after approval, and posts nothing', async () => {
    const { draft, version } = await draftUk();
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] })).rejects.toMatchObject({ rule: 'approved-version-only' });
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    approveAll(draft.id);
    await reviseDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', revision: { edit: version.text.replace('Hi everyone', 'Hello UK team') } });
    expect(loadDraft(db, 'acme', draft.id)).toMatchObject({ status: 'draft', currentVersion: 2, approvedVersion: undefined });
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] })).rejects.toThrow(/changed after version 1 was approved/);
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'], version: 1 })).rejects.toMatchObject({ code: 'not_allowed' });
    expect(count("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM publications')).toBe(0);
  });

  it('never posts a UK-only announcement to a channel with a US member', async () => {
    const { draft } = await draftUk();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    approveAll(draft.id);
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['all-hands'] })).rejects.toMatchObject({ rule: 'channel-audience', message: expect.stringMatching(/#all-hands has 1 member outside the audience/) });
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all', 'us-all'] })).rejects.toThrow(/#us-all has 3 members outside/);
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all-teams'] })).rejects.toThrow(/teams is not connected/);
    expect(count("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND data LIKE '%channel-audience%'")).toBe(3);
  });

  it('sends exactly the approved version to an all-UK channel, recorded with who, when, where and to whom', async () => {
    const { draft, version } = await draftUk();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    approveAll(draft.id);
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'priya', channels: ['uk-all'] })).rejects.toMatchObject({ rule: 'auditors-stay-independent' });
    const publication = await publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] });
    expect(publication).toMatchObject({ status: 'sent', version: 1, requestedBy: 'nora', sentAt: now().toISOString(), text: version.text, recipients: ukStaff, targets: [{ id: 'uk-all', platform: 'slack', channel: 'C0ACMEUKALL' }] });
    const message = db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'announcement.publish'").get() as { payload: string };
    expect(JSON.parse(message.payload)).toMatchObject({ publicationId: publication.id, version: 1, text: version.text, target: { platform: 'slack', channel: 'C0ACMEUKALL' } });
    expect(listPublications(db, 'acme')).toHaveLength(1);
    expect(listPublications(db, 'globex')).toEqual([]);
    expect(loadDraftVersion(db, loadDraft(db, 'acme', draft.id)).text).toBe(version.text);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'announcement.published'")).toBe(1);
  });

  it('posts an approved version to a channel once: a double click, or publishing it again, is refused with what was sent', async () => {
    const { draft } = await draftUk();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
    approveAll(draft.id);
    const clicks = await Promise.allSettled([
      publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] }),
      publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] }),
    ]);
    expect(clicks.map((click) => click.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = clicks.find((click) => click.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ rule: 'published-once', message: expect.stringMatching(new RegExp(`Version 1 of draft #${draft.id} was published to .+ by Nora .+ at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`)) });
    await expect(publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] })).rejects.toMatchObject({ rule: 'published-once' });
    expect(count("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'")).toBe(1);
    expect(listPublications(db, 'acme', { draftId: draft.id })).toHaveLength(1);
  });
});
