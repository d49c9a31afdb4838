import type { ExceptionStatus } from '../exceptions/exception-request.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type PolicyExceptions = { policyId: string; title: string; counts: Record<ExceptionStatus, number>; total: number };

/** Exception requests opened since `since` (ISO time), per policy and by where they stand now; most requested first. */
export function exceptionsByPolicy(db: Db, tenant: string, since: string): PolicyExceptions[] {
  const rows = statement<[string, string], { policy_id: string; title: string; status: ExceptionStatus; n: number }>(
    db,
    `SELECT policy_id, max(policy_title) AS title, status, count(*) AS n
       FROM exception_requests
      WHERE tenant = ? AND created_at >= ?
      GROUP BY policy_id, status`,
  ).all(tenant, since);
  const byPolicy = new Map<string, PolicyExceptions>();
  for (const row of rows) {
    const entry = byPolicy.get(row.policy_id) ?? {
      policyId: row.policy_id,
      title: row.title,
      counts: { pending: 0, needs_info: 0, approved: 0, denied: 0, withdrawn: 0, expired: 0 },
      total: 0,
    };
    entry.counts[row.status] += row.n;
    entry.total += row.n;
    byPolicy.set(row.policy_id, entry);
  }
  return [...byPolicy.values()].sort((a, b) => b.total - a.total || a.policyId.localeCompare(b.policyId));
}
