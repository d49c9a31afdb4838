import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { findPerson, type Person } from '../directory/find-person.ts';
import { NotAllowedError, NotFoundError } from '../errors.ts';
import { activeAccessRules } from '../rules/active-access-rules.ts';
import { checkPermission } from '../rules/check-permission.ts';
import type { Db } from '../storage/open-database.ts';

/** Records a refusal in the audit trail and returns the error to throw, so every refusal is both audited and explained. */
export function refuse(db: Db, input: { tenant: string; actor: string; subject: string; action: string; rule: string; reason: string; at: string }): NotAllowedError {
  appendAuditEvent(db, { tenant: input.tenant, type: 'permission.denied', actor: input.actor, subject: input.subject, data: { action: input.action, rule: input.rule, reason: input.reason }, at: input.at });
  return new NotAllowedError(input.rule, input.reason);
}

/**
 * The directory person behind `actor`, when the tenant's access rules
 * (`access.yml`) allow them to `draft` or `publish`; otherwise the refusal,
 * audited, naming the rule and its reason.
 */
export function authorizeComms(db: Db, input: { tenant: string; actor: string; action: 'draft' | 'publish'; subject: string; at: string }): Person {
  const person = findPerson(db, input.tenant, 'id', input.actor);
  if (!person) throw new NotFoundError("I couldn't find you in your company's directory.");
  const permission = checkPermission(activeAccessRules(db, input.tenant), person, input.action);
  if (!permission.allowed) throw refuse(db, { ...input, action: `announcement.${input.action}`, rule: permission.rule, reason: permission.reason });
  return person;
}
