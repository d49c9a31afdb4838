import { findPerson, type Person } from '../directory/find-person.ts';
import { UnknownPersonError } from '../errors.ts';
import { activeAccessRules } from '../rules/active-access-rules.ts';
import { checkPermission } from '../rules/check-permission.ts';
import { refuse } from '../rules/refuse.ts';
import type { Db } from '../storage/open-database.ts';

/**
 * The directory person behind `actor`, when the tenant's access rules
 * (`access.yml`) allow them to `draft` or `publish`; otherwise the refusal,
 * audited, naming the rule and its reason.
 */
export function authorizeComms(db: Db, input: { tenant: string; actor: string; action: 'draft' | 'publish'; subject: string; at: string }): Person {
  const person = findPerson(db, input.tenant, 'id', input.actor);
  if (!person) throw new UnknownPersonError();
  const permission = checkPermission(activeAccessRules(db, input.tenant), person, input.action);
  if (!permission.allowed) throw refuse(db, { ...input, action: `announcement.${input.action}`, rule: permission.rule, reason: permission.reason });
  return person;
}
