import type { Person } from '../directory/find-person.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';
import { canSeeVersion, locationMatches } from './can-see-version.ts';

/**
 * The versions that are guidance for this person today: one per policy, the
 * current version in effect that they may see, with the jurisdiction variant
 * for their location (the most specific one) replacing the general version.
 * Retired versions and drafts are never guidance.
 */
export function applicableVersions(person: Person | undefined, versions: CatalogVersion[], today: string): CatalogVersion[] {
  const best = new Map<string, CatalogVersion>();
  const rank = (version: CatalogVersion) => (version.jurisdiction ? version.jurisdiction.length + 1 : 0);
  for (const version of versions) {
    if (version.status !== 'current' || version.effective > today) continue;
    if (version.jurisdiction && !locationMatches(person?.location, version.jurisdiction)) continue;
    if (!canSeeVersion(person, version)) continue;
    const chosen = best.get(version.policyId);
    const better =
      !chosen ||
      rank(version) > rank(chosen) ||
      (rank(version) === rank(chosen) && version.effective >= chosen.effective);
    if (better) best.set(version.policyId, version);
  }
  return [...best.values()];
}
