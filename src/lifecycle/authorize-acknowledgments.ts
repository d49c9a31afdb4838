import { isAdmin } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';
import { activeAccessRules } from '../rules/active-access-rules.ts';
import { checkPermission, type Permission } from '../rules/check-permission.ts';
import type { Db } from '../storage/open-database.ts';

/**
 * Whether a person may ask a version's audience to acknowledge it
 * (`request`), or read who did (`report`): members of the policy's owner
 * group and admins always; otherwise whoever the tenant's access rules allow
 * to `publish` (announcements go out from them), and, for reports, to
 * `read-audit`. A refusal names the rules and their reasons.
 */
export function authorizeAcknowledgments(db: Db, person: Person, version: CatalogVersion, purpose: 'request' | 'report'): Permission {
  if (person.groups.includes(version.owner)) return { allowed: true, rule: 'owner-group' };
  if (isAdmin(person)) return { allowed: true, rule: 'admin' };
  const rules = activeAccessRules(db, person.tenant);
  const checks = (purpose === 'report' ? (['publish', 'read-audit'] as const) : (['publish'] as const)).map((action) => checkPermission(rules, person, action));
  const allowed = checks.find((check) => check.allowed);
  if (allowed) return allowed;
  const refusals = checks.filter((check): check is Extract<Permission, { allowed: false }> => !check.allowed);
  return {
    allowed: false,
    rule: ['owner-group', ...refusals.map((check) => check.rule)].join(', '),
    reason: `Acknowledgments of the ${version.title} are ${purpose === 'request' ? 'requested' : 'reported'} by its owner group (${version.owner}). ${[...new Set(refusals.map((check) => check.reason))].join(' ')}`.trim(),
  };
}
