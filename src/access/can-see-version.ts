import type { Person } from '../directory/find-person.ts';
import type { Audience, Classification, PolicyStatus } from '../policies/policy-metadata.ts';

export type VersionAccess = {
  classification: Classification;
  audience: Audience | undefined;
  status: PolicyStatus;
  owner: string;
};

/** A location matches a code when equal to it or below it: "US-CA" is in "US". */
export function locationMatches(location: string | undefined, code: string): boolean {
  if (!location) return false;
  const a = location.toUpperCase();
  const b = code.toUpperCase();
  return a === b || a.startsWith(`${b}-`);
}

const sameText = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Audience keys are ANDed; the values within a key are ORed. */
export function matchesAudience(person: Person, audience: Audience): boolean {
  const checks: [string[] | undefined, (value: string) => boolean][] = [
    [audience.departments, (value) => sameText(person.department, value)],
    [audience.locations, (value) => locationMatches(person.location, value)],
    [audience.roles, (value) => person.roles.some((role) => sameText(role, value))],
    [audience.groups, (value) => person.groups.some((group) => sameText(group, value))],
  ];
  const present = checks.filter(([values]) => values !== undefined);
  return present.length > 0 && present.every(([values, matches]) => values!.some(matches));
}

export const isAdmin = (person: Person | undefined) => person?.roles.includes('admin') ?? false;

/**
 * Whether a person (or an anonymous asker, `undefined`) may see a policy
 * version, by the rules of `shared/spec/formats.md`: public for anyone,
 * internal for anyone in the directory, confidential and restricted only
 * for the audience (admins always), drafts only for the owner group and admins.
 */
export function canSeeVersion(person: Person | undefined, version: VersionAccess): boolean {
  if (version.status === 'draft') return person !== undefined && (isAdmin(person) || person.groups.includes(version.owner));
  switch (version.classification) {
    case 'public':
      return true;
    case 'internal':
      return person !== undefined;
    case 'confidential':
    case 'restricted':
      if (!person) return false;
      if (isAdmin(person)) return true;
      return version.audience !== undefined && matchesAudience(person, version.audience);
  }
}
