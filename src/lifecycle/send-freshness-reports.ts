import { createHash } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { freshnessCard } from '../chat/cards/freshness-card.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { freshnessReport, type FreshnessGroup } from './freshness-report.ts';

export type FreshnessSchedule = {
  /** Report policies due for review within this many days (default 30). */
  withinDays?: number;
  /** Repeat an unchanged report after this many days (default 7); a changed one goes out the next day. */
  repeatDays?: number;
};

export type SentReport = { tenant: string; group: string; overdue: number; dueSoon: number };

const dayMs = 86_400_000;

function digestOf(group: FreshnessGroup): string {
  const items = [...group.overdue, ...group.dueSoon].map((item) => [item.policyId, item.jurisdiction ?? '', item.version, item.reviewBy]);
  return createHash('sha256').update(JSON.stringify(items)).digest('hex');
}

/**
 * Sends each owner group with policies past or near their review date a
 * report (a `chat.notice` card to the group's channel), at most one a day
 * per group: when what it would say changed since the last report, or when
 * `repeatDays` passed. The report's row, its notice and its audit event are
 * written in one transaction, and the row for the day is checked inside it,
 * so a restart, a second process or a second call the same day repeats
 * nothing, and a day the service was down is caught up at its next start.
 */
export function sendFreshnessReports(db: Db, options: FreshnessSchedule & { now: Date; tenants?: string[] }): SentReport[] {
  const today = options.now.toISOString().slice(0, 10);
  const withinDays = options.withinDays ?? 30;
  const repeatDays = options.repeatDays ?? 7;
  const tenants = options.tenants ?? statement<[], { tenant: string }>(db, 'SELECT DISTINCT tenant FROM policy_versions ORDER BY tenant').all().map((row) => row.tenant);
  const sent: SentReport[] = [];
  for (const tenant of tenants) {
    const report = freshnessReport(db, tenant, { today, withinDays });
    for (const group of report.groups) {
      const digest = digestOf(group);
      const send = db.transaction(() => {
        const last = statement<[string, string], { day: string; digest: string }>(
          db,
          'SELECT day, digest FROM freshness_reports WHERE tenant = ? AND group_id = ? ORDER BY day DESC LIMIT 1',
        ).get(tenant, group.group);
        if (last && last.day >= today) return false;
        if (last && last.digest === digest && Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last.day}T00:00:00Z`) < repeatDays * dayMs) return false;
        const at = options.now.toISOString();
        statement(
          db,
          'INSERT INTO freshness_reports (tenant, group_id, day, digest, overdue, due_soon, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(tenant, group.group, today, digest, group.overdue.length, group.dueSoon.length, at);
        enqueueNotice(db, { tenant, to: { group: group.group }, card: freshnessCard(tenant, group, today, withinDays), key: `freshness:${tenant}:${group.group}:${today}`, at: options.now });
        appendAuditEvent(db, {
          tenant,
          type: 'policy.freshness_reported',
          actor: 'policy-desk',
          subject: `group:${group.group}`,
          data: { day: today, overdue: group.overdue.map((item) => `${item.policyId}@${item.version}`), dueSoon: group.dueSoon.map((item) => `${item.policyId}@${item.version}`) },
          at,
        });
        return true;
      });
      if (send.immediate()) sent.push({ tenant, group: group.group, overdue: group.overdue.length, dueSoon: group.dueSoon.length });
    }
  }
  return sent;
}
