import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type SectionHit = { sectionId: number; bm25: number };

/**
 * Full-text search over one tenant's sections with BM25 (titles and headings
 * weigh double), restricted inside the query to the given policy versions:
 * what the asker may see, current for them. Nothing outside that set is
 * ever read back.
 */
export function searchSections(db: Db, tenant: string, versionIdsJson: string, match: string, limit: number): SectionHit[] {
  return statement<[string, string, string, number], { id: number; score: number }>(
    db,
    `SELECT s.id, bm25(sections_fts, 2.0, 1.0) AS score
       FROM sections_fts
       JOIN sections s ON s.id = sections_fts.rowid
      WHERE sections_fts MATCH ?
        AND s.tenant = ?
        AND s.version_id IN (SELECT value FROM json_each(?))
      ORDER BY score
      LIMIT ?`,
  )
    .all(match, tenant, versionIdsJson, limit)
    .map((row) => ({ sectionId: row.id, bm25: -row.score }));
}
