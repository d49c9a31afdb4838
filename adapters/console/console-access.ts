import type { Permission } from '../../src/rules/check-permission.ts';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { checkPermission } from '../../src/rules/check-permission.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { Viewer } from './console-context.ts';

/** What the signed-in person may open in the console, from the tenant's access rules (access.yml) and the directory. */
export type ConsoleAccess = {
  /** The reviewer queue: people who may decide exceptions. */
  queue: Permission;
  /** Audit search: `read-audit`. */
  audit: Permission;
  /** Trends: `read-audit` or `administer`. */
  trends: Permission;
  /** The exception register: everything (`read-audit`, `administer`), requests of their reviewer groups (`decide`), or their own. */
  register: 'all' | 'groups' | 'own';
  /** Policy freshness: every version in force (`read-audit`, `administer`), or the ones they may see. */
  freshness: 'all' | 'visible';
};

export function consoleAccess(db: Db, viewer: Viewer): ConsoleAccess {
  const rules = activeAccessRules(db, viewer.tenant);
  const decide = checkPermission(rules, viewer.person, 'decide');
  const readAudit = checkPermission(rules, viewer.person, 'read-audit');
  const administer = checkPermission(rules, viewer.person, 'administer');
  const trends: Permission = readAudit.allowed
    ? readAudit
    : administer.allowed
      ? administer
      : { allowed: false, rule: `${readAudit.rule}; ${administer.rule}`, reason: `Trends are for people who read the audit records or administer Policy Desk. ${readAudit.reason}` };
  const overseer = readAudit.allowed || administer.allowed;
  return {
    queue: decide,
    audit: readAudit,
    trends,
    register: overseer ? 'all' : decide.allowed ? 'groups' : 'own',
    freshness: overseer ? 'all' : 'visible',
  };
}
