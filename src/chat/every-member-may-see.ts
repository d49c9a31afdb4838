import { canSeeVersion } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import type { VersionRef } from './chat-event.ts';

/**
 * Whether every member of a conversation may see every one of these policy
 * versions. Members the directory does not know (guests, people from other
 * organisations) are `undefined` and see public policies only; a version
 * the catalog no longer has counts as unseeable. Members whom visibility
 * treats alike are checked once, so large channels cost little.
 */
export function everyMemberMaySee(db: Db, tenant: string, members: (Person | undefined)[], versions: VersionRef[]): boolean {
  if (versions.length === 0) return true;
  const catalog = loadCatalog(db, tenant);
  const cited = versions.map((ref) => catalog.versions.find((v) => v.policyId === ref.policyId && v.version === ref.version && (v.jurisdiction ?? undefined) === (ref.jurisdiction || undefined)));
  if (cited.some((version) => version === undefined)) return false;
  const kinds = new Map<string, Person | undefined>();
  for (const member of members) kinds.set(member ? JSON.stringify([member.department, member.location, member.roles, member.groups]) : 'anonymous', member);
  return cited.every((version) => [...kinds.values()].every((member) => canSeeVersion(member, version!)));
}
