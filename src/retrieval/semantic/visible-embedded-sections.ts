import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';

/**
 * The embedded sections of the given policy versions (a JSON array of ids),
 * restricted inside the query to the tenant: what a semantic search may
 * score. Nothing outside this set is ever ranked or returned.
 */
export function visibleEmbeddedSections(db: Db, tenant: string, versionIdsJson: string, model: string): number[] {
  return statement<[string, string, string, string], { section_id: number }>(
    db,
    `SELECT e.section_id
       FROM section_embeddings e
       JOIN sections s ON s.id = e.section_id
      WHERE s.tenant = ?
        AND e.tenant = ?
        AND s.version_id IN (SELECT value FROM json_each(?))
        AND e.model = ?`,
  )
    .all(tenant, tenant, versionIdsJson, model)
    .map((row) => row.section_id);
}
