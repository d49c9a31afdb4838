import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { NotAllowedError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';

/**
 * Records a refusal in the audit trail (`permission.denied`, naming the rule
 * and its reason) and returns the error to throw, so every refusal is both
 * audited and explained. Call it inside the transaction of the attempt, where
 * there is one.
 */
export function refuse(
  db: Db,
  input: { tenant: string; actor: string; subject: string; action: string; rule: string; reason: string; at: string; /** More for the audit record (where it happened). */ context?: Record<string, string> },
): NotAllowedError {
  const data = { action: input.action, rule: input.rule, reason: input.reason, ...input.context };
  appendAuditEvent(db, { tenant: input.tenant, type: 'permission.denied', actor: input.actor, subject: input.subject, data, at: input.at });
  return new NotAllowedError(input.rule, input.reason);
}
