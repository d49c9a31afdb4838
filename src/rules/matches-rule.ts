import { locationMatches } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import type { AccessRule } from './access-rules-schema.ts';

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Whether a person is among those an access rule is for: `everyone: true`,
 * or every key present matching (keys ANDed, values within a key ORed), as
 * policy audiences do. `"*"` matches anyone with some value for that key
 * (`groups: ["*"]`: a member of any group).
 */
export function matchesRule(person: Person, rule: AccessRule): boolean {
  if (rule.everyone) return true;
  const checks: [string[] | undefined, (value: string) => boolean][] = [
    [rule.roles, (value) => person.roles.some((role) => value === '*' || same(role, value))],
    [rule.groups, (value) => person.groups.some((group) => value === '*' || same(group, value))],
    [rule.departments, (value) => (value === '*' ? person.department !== undefined : same(person.department, value))],
    [rule.locations, (value) => (value === '*' ? person.location !== undefined : locationMatches(person.location, value))],
  ];
  const present = checks.filter(([values]) => values !== undefined);
  return present.length > 0 && present.every(([values, matches]) => values!.some(matches));
}
