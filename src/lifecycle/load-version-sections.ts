import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { ComparableSection } from './align-sections.ts';
import { stringListColumn } from '../storage/json-column.ts';

const sectionRow = z.object({
  heading: z.string(),
  heading_path: stringListColumn,
  body: z.string(),
});

/** The sections of one stored policy version, in order, with their text. */
export function loadVersionSections(db: Db, tenant: string, versionId: number): ComparableSection[] {
  return statement(
    db,
    `SELECT s.heading, s.heading_path, t.body
       FROM sections s JOIN section_texts t ON t.id = s.text_id
      WHERE s.tenant = ? AND s.version_id = ?
      ORDER BY s.ordinal`,
  )
    .all(tenant, versionId)
    .map((row) => {
      const parsed = sectionRow.parse(row);
      return { heading: parsed.heading, path: parsed.heading_path, body: parsed.body };
    });
}
