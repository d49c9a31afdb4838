import { beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/comms/create-draft.ts';
import type { CommsDeps } from '../../src/comms/comms-deps.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';
import { reviewDraft } from '../../src/comms/review-draft.ts';
import { submitDraft } from '../../src/comms/submit-draft.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { noticesForPerson } from '../../src/reports/notices-for-person.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { joinEveryGroup, letSecurityDraft, loadAcmeAnnouncementSettings, securityRequest } from './support.ts';

const now = () => new Date('2026-03-02T10:00:00Z');
const vocabulary = { departments: ['engineering', 'sales', 'finance', 'security', 'it', 'hr', 'legal', 'compliance', 'comms'], locations: ['US', 'UK', 'DE'], roles: ['manager', 'comms'] };
/** A line of the confidential incident runbook (audience: the security and IT departments). */
const secret = 'KESTREL-NINE';

let db: Db;
let deps: CommsDeps;

beforeEach(async () => {
  db = await loadExamples();
  loadAcmeAnnouncementSettings(db);
  letSecurityDraft(db);
  deps = { db, now };
});

const draftFromRunbook = async () => {
  const { draft, version } = await createDraft(deps, { tenant: 'acme', actor: 'grace', request: parseDraftRequest(securityRequest, vocabulary), conversation: 'slack:D0GRACE' });
  expect(version.text).toContain(secret);
  return draft;
};
const reviewNotices = () =>
  (db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' AND json_extract(payload, '$.to.group') IS NOT NULL ORDER BY id").all() as { payload: string }[]).map((row) => JSON.parse(row.payload) as Record<string, unknown>);

describe('review of a draft quoting a confidential policy', () => {
  it('is not sent when a reviewer group has nobody who may read the policy, saying which group and why', async () => {
    const draft = await draftFromRunbook();
    expect(() => submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'grace' })).toThrow(/Nobody in comms.*Security incident response runbook.*nobody there could review it/);
    expect(reviewNotices()).toEqual([]);
  });

  it('sends each group the card restricted to readers of the policy, with a withheld card that quotes nothing of it', async () => {
    joinEveryGroup(db, 'ivan'); // IT: may read the runbook
    const draft = await draftFromRunbook();
    const { draft: submitted } = submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'grace' });
    const notices = reviewNotices();
    expect(notices.map((notice) => (notice.to as { group: string }).group)).toEqual(submitted.reviewers);
    for (const notice of notices) {
      const restricted = notice.restricted as { versions: { policyId: string }[]; withheld: unknown };
      expect(restricted.versions.map((v) => v.policyId)).toContain('incident-response');
      expect(JSON.stringify(notice.card)).toContain(secret);
      const withheld = JSON.stringify(restricted.withheld);
      expect(withheld).not.toContain(secret);
      expect(withheld).toContain('Security incident response runbook');
      expect(withheld).toContain('draft.show');
    }
  });

  it('refuses an approval from a reviewer who may not read the policy; one who may approves', async () => {
    joinEveryGroup(db, 'ivan');
    const draft = await draftFromRunbook();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'grace' });
    expect(() => reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'omar', review: { decision: 'approve' } })).toThrow(/quotes a policy you may not read/);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND json_extract(data, '$.rule') = 'draft-sources'").get()).toEqual({ n: 1 });
    expect(reviewDraft(deps, { tenant: 'acme', id: draft.id, actor: 'ivan', review: { decision: 'approve' } }).outcome).toBe('approved');
  });

  it('shows the console notices of someone who may not read the policy without its text', async () => {
    joinEveryGroup(db, 'ivan');
    const draft = await draftFromRunbook();
    submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'grace' });
    const seen = (id: string) => noticesForPerson(db, 'acme', findPerson(db, 'acme', 'id', id)!, `console:${id}`).map((row) => row.payload).join('\n');
    expect(seen('nora')).toContain(`Announcement #${draft.id} (version 1)`);
    expect(seen('nora')).not.toContain(secret);
    expect(seen('ivan')).toContain(secret);
  });
});
