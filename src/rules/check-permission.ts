import type { Person } from '../directory/find-person.ts';
import type { AccessRules, Action } from './access-rules-schema.ts';
import { defaultAllowRules } from './default-access-rules.ts';
import { matchesRule } from './matches-rule.ts';

export type Permission = { allowed: true; rule: string } | { allowed: false; rule: string; reason: string };

/**
 * Whether a person may take an action, and by which rule.
 *
 * 1. A matching `deny` rule for the action wins, whatever allows it.
 * 2. Otherwise the first matching `allow` rule for the action allows it. The
 *    allow rules are the file's for that action, or, when the file names no
 *    allow rule for it, the built-in defaults.
 * 3. Otherwise the person is refused, naming the allow rule(s) they failed
 *    to match and their reasons, so nobody is refused without a reason.
 */
export function checkPermission(rules: AccessRules, person: Person, action: Action): Permission {
  const deny = rules.deny.find((rule) => rule.action.includes(action) && matchesRule(person, rule));
  if (deny) return { allowed: false, rule: deny.id, reason: deny.reason };
  const own = rules.allow.filter((rule) => rule.action.includes(action));
  const allow = own.length > 0 ? own : defaultAllowRules.filter((rule) => rule.action.includes(action));
  const match = allow.find((rule) => matchesRule(person, rule));
  if (match) return { allowed: true, rule: match.id };
  return {
    allowed: false,
    rule: allow.map((rule) => rule.id).join(', '),
    reason: [...new Set(allow.map((rule) => rule.reason))].join(' '),
  };
}
