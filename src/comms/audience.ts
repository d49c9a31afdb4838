import { matchesAudience } from '../access/can-see-version.ts';
import { findPerson, type Person } from '../directory/find-person.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/**
 * Who an announcement is for, by directory attributes: the keys present are
 * ANDed and the values within a key ORed, as in a policy audience. No key at
 * all is everyone in the tenant's directory.
 */
export type AudienceSpec = { departments?: string[]; locations?: string[]; roles?: string[] };

export const everyone: AudienceSpec = {};

/** The people of a tenant's directory who are in the audience, in id order. */
export function audienceMembers(db: Db, tenant: string, audience: AudienceSpec): Person[] {
  const ids = statement<[string], { user_id: string }>(db, 'SELECT user_id FROM directory_users WHERE tenant = ? ORDER BY user_id').all(tenant);
  const people = ids.map((row) => findPerson(db, tenant, 'id', row.user_id)!);
  const keys = (['departments', 'locations', 'roles'] as const).filter((key) => (audience[key]?.length ?? 0) > 0);
  if (keys.length === 0) return people;
  return people.filter((person) => matchesAudience(person, audience));
}

/** "UK; sales or finance" — the audience as a person reads it. */
export function describeAudience(audience: AudienceSpec): string {
  const parts = [
    audience.locations?.length ? `in ${audience.locations.join(' or ')}` : '',
    audience.departments?.length ? `${audience.departments.join(' or ')} department` : '',
    audience.roles?.length ? `role ${audience.roles.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'everyone' : `staff ${parts.join(', ')}`;
}
