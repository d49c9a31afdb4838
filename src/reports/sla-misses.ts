import { z } from 'zod';
import { stageSchema } from '../exceptions/exception-request.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type GroupSlaMisses = { group: string; missed: number; overdueNow: number };

const openRow = z.object({ stages: z.string().transform((json) => z.array(stageSchema).parse(JSON.parse(json))), stage: z.number(), stage_started_at: z.string() });

/**
 * SLA misses per reviewer group: stages whose SLA ran out since `since` (an
 * escalation was fired for them), and open requests past their SLA right now
 * (the timer may not have fired yet).
 */
export function slaMisses(db: Db, tenant: string, since: string, now: Date): GroupSlaMisses[] {
  const groups = new Map<string, GroupSlaMisses>();
  const entry = (group: string) => {
    const found = groups.get(group) ?? { group, missed: 0, overdueNow: 0 };
    groups.set(group, found);
    return found;
  };
  const escalations = statement<[string, string], { grp: string | null; n: number }>(
    db,
    `SELECT json_extract(r.stages, '$[' || a.stage || '].group') AS grp, count(*) AS n
       FROM exception_actions a JOIN exception_requests r ON r.id = a.request_id AND r.tenant = a.tenant
      WHERE a.tenant = ? AND a.action = 'escalate' AND a.at >= ?
      GROUP BY grp`,
  ).all(tenant, since);
  for (const row of escalations) entry(row.grp ?? '(unknown)').missed += row.n;
  const open = statement<[string], unknown>(db, `SELECT stages, stage, stage_started_at FROM exception_requests WHERE tenant = ? AND status = 'pending'`).all(tenant);
  for (const raw of open) {
    const row = openRow.parse(raw);
    const stage = row.stages[Math.min(row.stage, row.stages.length - 1)]!;
    if (Date.parse(row.stage_started_at) + stage.slaMs < now.getTime()) entry(stage.group).overdueNow += 1;
  }
  return [...groups.values()].sort((a, b) => b.missed + b.overdueNow - (a.missed + a.overdueNow) || a.group.localeCompare(b.group));
}
