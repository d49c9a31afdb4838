import { findPerson, type Person } from '../directory/find-person.ts';
import { activeAccessRules } from '../rules/active-access-rules.ts';
import { checkPermission } from '../rules/check-permission.ts';
import type { Db } from '../storage/open-database.ts';
import { currentStage, type ExceptionRequest } from './exception-request.ts';

export type Authorization = { allowed: true; rule: string } | { allowed: false; rule: string; reason: string };

/** Whether `person` reports to `managerId`, directly or further down the line. */
export function reportsTo(db: Db, tenant: string, person: Person, managerId: string): boolean {
  const seen = new Set<string>([person.id]);
  let next = person.manager;
  while (next && !seen.has(next)) {
    if (next === managerId) return true;
    seen.add(next);
    next = findPerson(db, tenant, 'id', next)?.manager;
  }
  return false;
}

/**
 * Whether a person may decide a request at its current stage, checked on the
 * server against the stored request and the directory (never against what
 * a chat payload claims). The first rule that refuses is named.
 */
export function authorizeDecision(db: Db, request: ExceptionRequest, person: Person): Authorization {
  if (person.id === request.requester) {
    return { allowed: false, rule: 'no-self-decision', reason: 'You cannot decide your own exception request.' };
  }
  if (reportsTo(db, request.tenant, person, request.requester)) {
    return { allowed: false, rule: 'no-decision-by-reports', reason: 'You report to the requester, so you cannot decide their exception request.' };
  }
  const permission = checkPermission(activeAccessRules(db, request.tenant), person, 'decide');
  if (!permission.allowed) return permission;
  const stage = currentStage(request);
  const groups = [stage.group, ...(request.escalatedTo ? [request.escalatedTo] : [])];
  if (!groups.some((group) => person.groups.includes(group))) {
    return {
      allowed: false,
      rule: 'stage-reviewers',
      reason: `Only members of ${groups.join(' or ')} can decide this request at its current stage.`,
    };
  }
  return { allowed: true, rule: 'stage-reviewers' };
}
