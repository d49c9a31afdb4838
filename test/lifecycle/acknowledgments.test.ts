import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, NotAllowedError, NotFoundError } from '../../src/errors.ts';
import { acknowledgmentOverview, acknowledgmentReport } from '../../src/lifecycle/acknowledgment-report.ts';
import { recordAcknowledgment } from '../../src/lifecycle/record-acknowledgment.ts';
import { requestAcknowledgments } from '../../src/lifecycle/request-acknowledgments.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { lifecycleWorld, today } from './lifecycle-world.ts';

let db: Db;
beforeEach(async () => {
  ({ db } = await lifecycleWorld());
});

const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const versionId = (policyId: string, version: string, jurisdiction = '') =>
  loadCatalog(db, 'acme').versions.find((v) => v.policyId === policyId && v.version === version && (v.jurisdiction ?? '') === jurisdiction)!.versionId;
const ask = (by: string, extra: Partial<Parameters<typeof requestAcknowledgments>[1]> = {}) => requestAcknowledgments(db, { tenant: 'acme', by, policyId: 'leave', now: today, ...extra });
const acknowledge = (person: string, id = versionId('leave', '2')) => recordAcknowledgment(db, { tenant: 'acme', person, versionId: id, channel: 'slack', now: today });

describe('requestAcknowledgments', () => {
  it('asks everyone the version applies to, once each, with an Acknowledge button, audited', () => {
    const outcome = ask('hana');
    // Bo is in the UK: the UK variant, not this version, applies to him.
    expect(outcome).toMatchObject({ requestId: expect.any(Number), version: '2', audience: 7, alreadyRequested: 0, alreadyAcknowledged: 0 });
    expect(outcome.requested).toEqual(['ana', 'aud', 'cy', 'fin', 'hana', 'nina', 'root']);
    const notices = (db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' ORDER BY id").all() as { payload: string }[]).map((row) => JSON.parse(row.payload));
    expect(notices.map((notice) => notice.to)).toEqual(outcome.requested.map((person) => ({ person })));
    expect(notices[0].card.actions.map((action: { id: string }) => action.id)).toEqual(['ack.record', 'policy.compare']);
    expect(notices[0].card.actions[0].value).toEqual({ versionId: String(versionId('leave', '2')), policyId: 'leave', version: '2' });
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'ack.requested'")).toBe(1);
  });

  it('narrows the audience by department, location and role; a repeat reaches only people not asked yet', () => {
    expect(ask('hana', { narrowing: { departments: ['sales'], locations: [], roles: [] } }).requested).toEqual(['cy']);
    acknowledge('ana');
    const again = ask('hana');
    expect(again.requested).toEqual(['aud', 'fin', 'hana', 'nina', 'root']);
    expect(again).toMatchObject({ alreadyRequested: 1, alreadyAcknowledged: 1 });
    expect(ask('hana')).toMatchObject({ requestId: null, requested: [], alreadyRequested: 6 });
    expect(count("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'chat.notice'")).toBe(6);
  });

  it('asks a variant’s own people for a variant', () => {
    expect(ask('hana', { jurisdiction: 'UK' }).requested).toEqual(['bo']);
  });

  it('lets the owner group, admins and publishers ask; refuses anyone else with the rule, audited', () => {
    expect(ask('nina').requestId).not.toBeNull();
    expect(() => ask('ana')).toThrow(NotAllowedError);
    try {
      ask('ana');
    } catch (error) {
      expect((error as NotAllowedError).rule).toBe('owner-group, default-publish');
      expect((error as NotAllowedError).reason).toMatch(/owner group \(hr\)/);
    }
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied'")).toBe(2);
  });

  it('refuses drafts and retired versions', () => {
    expect(() => ask('hana', { version: '3' })).toThrow(InvalidRequestError);
    expect(() => ask('hana', { version: '1' })).toThrow(/retired: only a published/);
  });
});

describe('recordAcknowledgment', () => {
  it('records a person once, however often they click, and audits it once', () => {
    expect(acknowledge('ana').outcome).toBe('recorded');
    const second = recordAcknowledgment(db, { tenant: 'acme', person: 'ana', versionId: versionId('leave', '2'), channel: 'teams', now: new Date(today.getTime() + 60_000) });
    expect(second).toMatchObject({ outcome: 'already', acknowledgedAt: today.toISOString() });
    expect(count('SELECT count(*) AS n FROM acknowledgments')).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'ack.recorded'")).toBe(1);
  });

  it('treats a version the person may not see as not found, and refuses drafts and retired versions', () => {
    expect(() => acknowledge('ana', versionId('bonus', '2'))).toThrow(NotFoundError);
    expect(() => acknowledge('ana', 999_999)).toThrow(NotFoundError);
    expect(() => acknowledge('hana', versionId('leave', '3'))).toThrow(InvalidRequestError);
    expect(() => acknowledge('ana', versionId('leave', '1'))).toThrow(InvalidRequestError);
    expect(count('SELECT count(*) AS n FROM acknowledgments')).toBe(0);
  });
});

describe('acknowledgmentReport', () => {
  it('says who was asked, who acknowledged and who is outstanding, by name', () => {
    ask('hana', { narrowing: { departments: ['sales', 'engineering'] } });
    acknowledge('ana');
    acknowledge('fin');
    const report = acknowledgmentReport(db, { tenant: 'acme', viewer: 'hana', policyId: 'leave', now: today });
    expect(report).toMatchObject({ policyId: 'leave', version: '2', requested: 2 });
    expect(report.requests).toEqual([expect.objectContaining({ requestedBy: 'hana', requestedByName: 'Hana Ito', narrowedTo: { departments: ['sales', 'engineering'] }, requested: 2 })]);
    expect(report.acknowledged.map((a) => [a.name, a.requested, a.channel])).toEqual([['Ana Souza', true, 'slack'], ['Finn Berg', false, 'slack']]);
    expect(report.outstanding).toEqual([{ personId: 'cy', name: 'Cy Adams', department: 'sales', location: 'US' }]);
    expect(acknowledgmentOverview(db, { tenant: 'acme', viewer: 'aud' })).toEqual([
      { policyId: 'leave', version: '2', versionId: versionId('leave', '2'), title: 'Leave policy', requested: 2, acknowledged: 1, outstanding: 1 },
    ]);
    expect(acknowledgmentOverview(db, { tenant: 'acme', viewer: 'ana' })).toEqual([]);
  });

  it('is for the owner group, admins, publishers and auditors only', () => {
    expect(acknowledgmentReport(db, { tenant: 'acme', viewer: 'aud', policyId: 'leave', now: today }).requested).toBe(0);
    expect(() => acknowledgmentReport(db, { tenant: 'acme', viewer: 'cy', policyId: 'leave', now: today })).toThrow(NotAllowedError);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied'")).toBe(1);
  });
});
