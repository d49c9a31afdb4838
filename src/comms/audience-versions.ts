import { applicableVersions } from '../access/applicable-versions.ts';
import { canSeeVersion } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';

/**
 * The policy versions an announcement may draw on: those that are guidance
 * today for EVERY member of its audience (current, in effect, visible to
 * them, the right jurisdiction variant), and that the drafter may see too. A
 * policy only some members may see, or whose variants differ across the
 * audience (a UK and a US version for a mixed audience), is not a source.
 * People whom visibility treats alike are computed once.
 */
export function audienceVersions(members: Person[], drafter: Person, versions: CatalogVersion[], today: string): CatalogVersion[] {
  if (members.length === 0) return [];
  const kinds = new Map<string, Person>();
  for (const member of members) kinds.set(JSON.stringify([member.department, member.location, member.roles, member.groups]), member);
  let common: Map<number, CatalogVersion> | undefined;
  for (const member of kinds.values()) {
    const mine = new Map(applicableVersions(member, versions, today).map((version) => [version.versionId, version]));
    common = common ? new Map([...common].filter(([id]) => mine.has(id))) : mine;
  }
  return [...(common ?? new Map<number, CatalogVersion>()).values()].filter((version) => canSeeVersion(drafter, version));
}
