import { findPerson, type Person } from '../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError, NotFoundError } from '../errors.ts';
import { catalogGeneration, loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { compareSections, type SectionChange, type SectionComparison, type SectionKind } from './compare-sections.ts';
import { comparableVersions } from './comparable-versions.ts';
import type { FigureChange } from './figure-change.ts';
import { loadVersionSections } from './load-version-sections.ts';

/** A version as a comparison names it. */
export type VersionInfo = {
  versionId: number;
  version: string;
  title: string;
  effective: string;
  status: CatalogVersion['status'];
  jurisdiction?: string;
  reviewBy?: string;
};

/** A field of the front-matter that changed between the versions (title, effective date, owner...). */
export type MetadataChange = { field: string; before?: string; after?: string };

/** A figure that changed, and the section (of the later version) it is in. */
export type KeyFigure = FigureChange & { section: string };

/** Two versions of one policy compared section by section: what `policy-desk diff`, the chat card and the console show. */
export type PolicyComparison = {
  tenant: string;
  policyId: string;
  title: string;
  from: VersionInfo;
  to: VersionInfo;
  metadata: MetadataChange[];
  counts: Record<SectionKind, number>;
  sections: SectionChange[];
  /** Figures whose value changed (both sides known), in document order: the first thing a reader wants. */
  keyFigures: KeyFigure[];
};

export type CompareRequest = {
  tenant: string;
  /** The directory id of the person asking: only versions they may see are compared. */
  viewer: string;
  policyId: string;
  from?: string;
  to?: string;
  /** The variant to compare ('' for the general one); default: the one that applies to the viewer. */
  jurisdiction?: string;
};

const info = (version: CatalogVersion): VersionInfo => ({
  versionId: version.versionId,
  version: version.version,
  title: version.title,
  effective: version.effective,
  status: version.status,
  ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}),
  ...(version.reviewBy ? { reviewBy: version.reviewBy } : {}),
});

function metadataChanges(a: CatalogVersion, b: CatalogVersion): MetadataChange[] {
  const fields: [string, (v: CatalogVersion) => string | undefined][] = [
    ['title', (v) => v.title],
    ['effective', (v) => v.effective],
    ['status', (v) => v.status],
    ['owner', (v) => v.owner],
    ['classification', (v) => v.classification],
    ['audience', (v) => (v.audience ? JSON.stringify(v.audience) : undefined)],
    ['review_by', (v) => v.reviewBy],
    ['exceptions', (v) => v.exceptions],
  ];
  return fields.flatMap(([field, read]) => {
    const before = read(a);
    const after = read(b);
    return before === after ? [] : [{ field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
  });
}

/** Comparisons are pure functions of two stored texts: kept per connection, keyed by the catalogue generation. */
const cache = new WeakMap<Db, Map<string, SectionComparison>>();
const cacheSize = 50;

function compareStored(db: Db, tenant: string, from: number, to: number): SectionComparison {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const key = `${tenant}:${catalogGeneration(db, tenant)}:${from}:${to}`;
  const cached = perDb.get(key);
  if (cached) return cached;
  const comparison = compareSections(loadVersionSections(db, tenant, from), loadVersionSections(db, tenant, to));
  if (perDb.size >= cacheSize) perDb.delete(perDb.keys().next().value!);
  perDb.set(key, comparison);
  return comparison;
}

/** A person of the tenant's directory, or a refusal that says so. */
export function directoryPerson(db: Db, tenant: string, id: string): Person {
  const person = findPerson(db, tenant, 'id', id);
  if (!person) throw new NotAllowedError('directory', `${id} is not in the ${tenant} directory, so Policy Desk shows them no policy versions.`);
  return person;
}

function pick(versions: CatalogVersion[], wanted: string, title: string): CatalogVersion {
  const found = [...versions].reverse().find((version) => version.version === wanted);
  if (!found) throw new NotFoundError(`The ${title} has no version ${wanted} that you can see; versions you can see: ${versions.map((v) => v.version).join(', ')}.`);
  return found;
}

/**
 * Compares two versions of a policy that the viewer may see. By default the
 * two latest published versions (drafts only when named); `from` alone
 * compares it with the latest; `to` alone with the version before it.
 * A policy or version the viewer may not see is "not found", revealing nothing.
 */
export function comparePolicyVersions(db: Db, request: CompareRequest): PolicyComparison {
  const person = directoryPerson(db, request.tenant, request.viewer);
  const versions = comparableVersions(person, loadCatalog(db, request.tenant).versions, request.policyId, request.jurisdiction);
  const latest = versions[versions.length - 1];
  if (!latest) throw new NotFoundError(`There is no policy "${request.policyId}" that you can see.`);
  const title = latest.title;
  const published = versions.filter((version) => version.status !== 'draft');
  let to = request.to !== undefined ? pick(versions, request.to, title) : undefined;
  let from = request.from !== undefined ? pick(versions, request.from, title) : undefined;
  if (!to) to = from ? (published.filter((v) => v !== from).at(-1) ?? versions.filter((v) => v !== from).at(-1)) : published.at(-1);
  if (to && !from) {
    const index = versions.indexOf(to);
    from = [...versions.slice(0, index)].reverse().find((version) => version.status !== 'draft') ?? versions[index - 1];
  }
  if (!from || !to) {
    throw new InvalidRequestError('version', `The ${title} has only one version you can see (${latest.version}), so there is nothing to compare it with.`);
  }
  if (from.versionId === to.versionId) throw new InvalidRequestError('version', `Both sides are version ${from.version} of the ${title}; name two different versions.`);
  const comparison = compareStored(db, request.tenant, from.versionId, to.versionId);
  const keyFigures = comparison.sections.flatMap((section) =>
    section.figures.filter((figure) => figure.before !== undefined && figure.after !== undefined).map((figure) => ({ ...figure, section: section.heading })),
  );
  return {
    tenant: request.tenant,
    policyId: request.policyId,
    title: to.title,
    from: info(from),
    to: info(to),
    metadata: metadataChanges(from, to),
    counts: comparison.counts,
    sections: comparison.sections,
    keyFigures,
  };
}
