import { canSeeVersion, locationMatches, matchesAudience } from '../access/can-see-version.ts';
import { findPerson, type Person } from '../directory/find-person.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** Who within the audience a request is for: keys ANDed, values ORed, as in a policy's `audience`. */
export type AckNarrowing = { departments?: string[]; locations?: string[]; roles?: string[] };

/** The narrowing without empty keys, or undefined when it narrows nothing. */
export function cleanNarrowing(narrowing: AckNarrowing | undefined): AckNarrowing | undefined {
  const entries = Object.entries(narrowing ?? {}).filter(([, values]) => values && values.length > 0);
  return entries.length > 0 ? (Object.fromEntries(entries) as AckNarrowing) : undefined;
}

/**
 * The people a version is for: everyone in the directory who may see it and
 * to whom it applies (a jurisdiction variant to people in its location; the
 * general version to everyone a variant does not replace), optionally
 * narrowed by department, location and role.
 */
export function ackAudience(db: Db, tenant: string, version: CatalogVersion, allVersions: CatalogVersion[], narrowing?: AckNarrowing): Person[] {
  const variants = allVersions.filter((v) => v.policyId === version.policyId && v.status === 'current' && v.jurisdiction && v.versionId !== version.versionId);
  const narrowed = cleanNarrowing(narrowing);
  return statement<[string], { user_id: string }>(db, 'SELECT user_id FROM directory_users WHERE tenant = ? ORDER BY user_id')
    .all(tenant)
    .map((row) => findPerson(db, tenant, 'id', row.user_id)!)
    .filter((person) => {
      if (!canSeeVersion(person, version)) return false;
      if (version.jurisdiction) {
        if (!locationMatches(person.location, version.jurisdiction)) return false;
      } else if (variants.some((variant) => locationMatches(person.location, variant.jurisdiction!))) {
        return false;
      }
      return !narrowed || matchesAudience(person, narrowed);
    });
}
