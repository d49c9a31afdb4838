import { canSeeVersion, locationMatches } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';

const byDate = (a: CatalogVersion, b: CatalogVersion) => a.effective.localeCompare(b.effective) || a.versionId - b.versionId;

/**
 * The versions of one policy a person may compare, oldest first: every
 * stored version they may see (retired ones included: they are history;
 * drafts only for the owner group and admins, as `canSeeVersion` says), of
 * the variant that applies to them (the most specific jurisdiction matching
 * their location, otherwise the general version), or of the variant asked for
 * (`jurisdiction`, '' for the general version).
 */
export function comparableVersions(person: Person, versions: CatalogVersion[], policyId: string, jurisdiction?: string): CatalogVersion[] {
  const visible = versions.filter((version) => version.policyId === policyId && canSeeVersion(person, version));
  const line = jurisdiction ?? variantFor(person, visible);
  return visible.filter((version) => (version.jurisdiction ?? '').toUpperCase() === line.toUpperCase()).sort(byDate);
}

/** The jurisdiction of the variant that applies to a person among these versions ('' for the general version). */
export function variantFor(person: Person, versions: CatalogVersion[]): string {
  let best = '';
  for (const version of versions) {
    const code = version.jurisdiction;
    if (code && locationMatches(person.location, code) && code.length > best.length) best = code;
  }
  return best;
}
