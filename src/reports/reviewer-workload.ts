import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type ReviewerWorkload = { reviewer: string; approvals: number; denials: number; questions: number; total: number };

/** What each reviewer did since `since` (ISO time): approvals, denials and questions asked of requesters; busiest first. */
export function reviewerWorkload(db: Db, tenant: string, since: string): ReviewerWorkload[] {
  return statement<[string, string], ReviewerWorkload>(
    db,
    `SELECT actor AS reviewer,
            sum(action = 'approve') AS approvals,
            sum(action = 'deny') AS denials,
            sum(action = 'ask_info') AS questions,
            count(*) AS total
       FROM exception_actions
      WHERE tenant = ? AND at >= ? AND action IN ('approve', 'deny', 'ask_info')
      GROUP BY actor
      ORDER BY total DESC, actor`,
  ).all(tenant, since);
}
