import { visibleVersions } from '../access/visible-versions.ts';
import type { Person } from '../directory/find-person.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** A clause as a button names it: policy, version, jurisdiction variant and section heading. */
export type ClauseRef = { policyId: string; version: string; jurisdiction?: string; section: string };

/**
 * The section a clause reference points at, in a version the person may see
 * today; undefined when there is none (the reference is stale or forged).
 */
export function findClause(db: Db, tenant: string, person: Person, ref: ClauseRef, today: string): { version: CatalogVersion; section: { id: number; body: string } } | undefined {
  const visible = visibleVersions(db, loadCatalog(db, tenant), person, today);
  const version = visible.versions.find((v) => v.policyId === ref.policyId && v.version === ref.version && (v.jurisdiction ?? undefined) === (ref.jurisdiction || undefined));
  if (!version) return undefined;
  const section = statement<[number, string], { id: number; body: string }>(
    db,
    'SELECT s.id, t.body FROM sections s JOIN section_texts t ON t.id = s.text_id WHERE s.version_id = ? AND s.heading = ? ORDER BY s.ordinal LIMIT 1',
  ).get(version.versionId, ref.section);
  return section && { version, section };
}
