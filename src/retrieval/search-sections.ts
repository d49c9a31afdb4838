import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** A matching section text, and the first visible section that holds it. */
export type SectionHit = { textId: number; bm25: number; sectionId: number };

/**
 * Full-text search over one tenant's section texts with BM25 (titles and
 * headings weigh double), restricted inside the query to texts held by the
 * versions of a visible set (`temp.visible_texts`, see visibleVersions):
 * what the asker may see, current for them. Nothing outside the set is ever
 * read back. A set holds one tenant's texts only; the tenant is checked
 * again on the hits kept, against `section_texts` (reading the index's own
 * tenant column for every posting costs a lookup each, most of a search's
 * time in a large tenant). For the hits kept, CROSS JOIN pins the join order
 * of the holder lookup: walk the text's holders and probe the set, never one
 * probe per visible version.
 */
export function searchSections(db: Db, tenant: string, visibleSetId: number, match: string, limit: number): SectionHit[] {
  return statement<[{ match: string; tenant: string; set: number; limit: number }], { text_id: number; score: number; section_id: number }>(
    db,
    `SELECT m.text_id, m.score,
            (SELECT s.id
               FROM sections s
               CROSS JOIN temp.visible_versions v ON v.set_id = @set AND v.version_id = s.version_id
              WHERE s.text_id = m.text_id
              ORDER BY s.version_id
              LIMIT 1) AS section_id
       FROM (SELECT f.rowid AS text_id, bm25(sections_fts, 2.0, 1.0) AS score
               FROM sections_fts AS f
              WHERE sections_fts MATCH @match
                AND EXISTS (SELECT 1 FROM temp.visible_texts t WHERE t.set_id = @set AND t.text_id = f.rowid)
              ORDER BY score
              LIMIT @limit) AS m
       CROSS JOIN section_texts st ON st.id = m.text_id AND st.tenant = @tenant
      ORDER BY m.score, m.text_id`,
  )
    .all({ match, tenant, set: visibleSetId, limit })
    .map((row) => ({ textId: row.text_id, bm25: -row.score, sectionId: row.section_id }));
}
