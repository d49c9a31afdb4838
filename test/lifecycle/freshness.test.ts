import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/directory/find-person.ts';
import { freshnessReport } from '../../src/lifecycle/freshness-report.ts';
import { sendFreshnessReports } from '../../src/lifecycle/send-freshness-reports.ts';
import { startFreshnessSchedule } from '../../src/lifecycle/start-freshness-schedule.ts';
import { bumpCatalogGeneration } from '../../src/policies/save-policy-version.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { lifecycleWorld, today } from './lifecycle-world.ts';

const notices = (db: Db) =>
  (db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' ORDER BY id").all() as { payload: string }[]).map(
    (row) => JSON.parse(row.payload) as { to: { group?: string }; card: { title: string; body: { type: string; facts?: { label: string; value: string }[] }[] } },
  );
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000);

describe('freshnessReport', () => {
  it('lists, per owner group, the versions in force past review_by or due within the window, and those with no review date', async () => {
    const { db } = await lifecycleWorld();
    const report = freshnessReport(db, 'acme', { today: '2026-03-02', withinDays: 30 });
    expect(report.groups.map((group) => ({ group: group.group, name: group.name, overdue: group.overdue.map((i) => [i.policyId, i.daysLeft]), dueSoon: group.dueSoon.map((i) => [i.policyId, i.daysLeft]) }))).toEqual([
      { group: 'finance', name: 'Finance reviewers', overdue: [], dueSoon: [['expenses', 18]] },
      { group: 'legal', name: 'Legal', overdue: [['conduct', -29]], dueSoon: [] },
    ]);
    expect(report.undated.map((item) => item.policyId)).toEqual(['handbook']);
    // Retired versions and drafts are never listed; a wider window reaches the leave policy and its UK variant.
    const wide = freshnessReport(db, 'acme', { today: '2026-03-02', withinDays: 500 });
    expect(wide.groups.find((group) => group.group === 'hr')!.dueSoon.map((item) => `${item.policyId}@${item.version}${item.jurisdiction ? `/${item.jurisdiction}` : ''}`)).toEqual(['leave@2', 'leave@2/UK']);
  });

  it('shows a viewer only the policies they may see', async () => {
    const { db } = await lifecycleWorld();
    const ana = findPerson(db, 'acme', 'id', 'ana')!;
    const fin = findPerson(db, 'acme', 'id', 'fin')!;
    const listed = (viewer: typeof ana) => freshnessReport(db, 'acme', { today: '2026-03-02', withinDays: 500, viewer }).groups.flatMap((g) => [...g.overdue, ...g.dueSoon].map((i) => i.policyId));
    expect(listed(ana)).not.toContain('bonus');
    expect(listed(fin)).toContain('bonus');
  });
});

describe('sendFreshnessReports', () => {
  it('sends each owner group one report a day at most, audited, and repeats an unchanged one only after a week', async () => {
    const file = join(tempDir(), 'pd.db');
    const { db } = await lifecycleWorld(file);
    expect(sendFreshnessReports(db, { now: today })).toEqual([
      { tenant: 'acme', group: 'finance', overdue: 0, dueSoon: 1 },
      { tenant: 'acme', group: 'legal', overdue: 1, dueSoon: 0 },
    ]);
    const [finance, legal] = notices(db);
    expect(finance!.to).toEqual({ group: 'finance' });
    expect(legal!.card.title).toBe('Policies to review: Legal');
    expect(legal!.card.body.find((element) => element.type === 'facts')!.facts).toEqual([{ label: 'Code of conduct, version 1', value: 'review was due 2026-02-01 (29 days ago)' }]);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'policy.freshness_reported'").get()).toEqual({ n: 2 });

    // The same day, or after a restart (another connection to the file), nothing is sent twice.
    expect(sendFreshnessReports(db, { now: new Date(today.getTime() + 3_600_000) })).toEqual([]);
    db.close();
    const restarted = openDatabase(file);
    expect(sendFreshnessReports(restarted, { now: today })).toEqual([]);
    // Unchanged reports wait a week; the legal one changed (one more day overdue is the same report).
    expect(sendFreshnessReports(restarted, { now: day(1) })).toEqual([]);
    expect(sendFreshnessReports(restarted, { now: day(7) }).map((sent) => sent.group)).toEqual(['finance', 'legal']);
    expect(notices(restarted)).toHaveLength(4);
    restarted.close();
  });

  it('reports the next day when what it would say changed, and a group with a first report at once', async () => {
    const { db } = await lifecycleWorld();
    sendFreshnessReports(db, { now: today });
    const setReviewBy = (policyId: string, date: string) => {
      db.prepare('UPDATE policy_versions SET review_by = ? WHERE policy_id = ?').run(date, policyId);
      bumpCatalogGeneration(db, 'acme');
    };
    setReviewBy('conduct', '2026-01-01');
    setReviewBy('handbook', '2026-03-10');
    expect(sendFreshnessReports(db, { now: today })).toEqual([{ tenant: 'acme', group: 'hr', overdue: 0, dueSoon: 1 }]);
    expect(sendFreshnessReports(db, { now: day(1) })).toEqual([{ tenant: 'acme', group: 'legal', overdue: 1, dueSoon: 0 }]);
  });

  it('runs on a schedule that reports at start and can be stopped', async () => {
    const { db } = await lifecycleWorld();
    const sent: string[] = [];
    const schedule = startFreshnessSchedule({ db, now: () => today, onSent: (reports) => sent.push(...reports.map((r) => r.group)) }, 60_000);
    schedule.stop();
    expect(sent).toEqual(['finance', 'legal']);
  });
});
