import { canSeeVersion } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import { NotFoundError } from '../errors.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { versionsInForce } from './freshness-report.ts';

/**
 * One version of a policy that the person may see: the one named (of the
 * variant named, or the general one first), or else the current version in
 * force (then the latest current one, for a version announced ahead of its
 * effective date). Anything they may not see is "not found".
 */
export function findVersion(db: Db, tenant: string, person: Person, ref: { policyId: string; version?: string; jurisdiction?: string; today: string }): CatalogVersion {
  const variant = (ref.jurisdiction ?? '').toUpperCase();
  const candidates = loadCatalog(db, tenant).versions.filter((v) => v.policyId === ref.policyId && canSeeVersion(person, v));
  const ofVariant = candidates.filter((v) => (v.jurisdiction ?? '').toUpperCase() === variant);
  let found: CatalogVersion | undefined;
  if (ref.version !== undefined) {
    found = ofVariant.find((v) => v.version === ref.version) ?? (ref.jurisdiction === undefined ? candidates.find((v) => v.version === ref.version) : undefined);
  } else {
    found = versionsInForce(ofVariant, ref.today)[0] ?? ofVariant.filter((v) => v.status === 'current').at(-1);
  }
  if (!found) {
    throw new NotFoundError(`There is no ${ref.version !== undefined ? `version ${ref.version} of ` : 'current version of '}policy "${ref.policyId}"${ref.jurisdiction ? ` (${ref.jurisdiction})` : ''} that you can see.`);
  }
  return found;
}
