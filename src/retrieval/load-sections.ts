import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { allTerms } from './analyze-text.ts';
import { splitSentences } from './split-sentences.ts';

export type Sentence = { text: string; block: number; stems: Set<string>; order: string[] };

/** A section ready for ranking: its text split into sentences, each with its stems. */
export type AnalyzedSection = {
  id: number;
  versionId: number;
  heading: string;
  path: string[];
  contextStems: Set<string>;
  /** Stems of the section's own heading (not the policy title or parent headings). */
  headingStems: Set<string>;
  sentences: Sentence[];
  length: number;
};

const sectionRow = z.object({
  id: z.number(),
  version_id: z.number(),
  heading: z.string(),
  heading_path: z.string().transform((json) => z.array(z.string()).parse(JSON.parse(json))),
  context: z.string(),
  body: z.string(),
});

const caches = new WeakMap<Db, Map<number, AnalyzedSection>>();
const cacheLimit = 20_000;

function analyze(row: z.infer<typeof sectionRow>): AnalyzedSection {
  const sentences: Sentence[] = [];
  row.body.split('\n').forEach((block, blockIndex) => {
    for (const text of splitSentences(block)) {
      const order = allTerms(text);
      sentences.push({ text, block: blockIndex, stems: new Set(order), order });
    }
  });
  return {
    id: row.id,
    versionId: row.version_id,
    heading: row.heading,
    path: row.heading_path,
    contextStems: new Set(allTerms(row.context)),
    headingStems: new Set(allTerms(row.heading)),
    sentences,
    length: sentences.reduce((sum, sentence) => sum + sentence.order.length, 0),
  };
}

/**
 * Loads sections by id, analysed. Section text never changes under an id
 * (a changed text is a new version), so the analysis is cached per connection.
 */
export function loadSections(db: Db, tenant: string, ids: number[]): Map<number, AnalyzedSection> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const result = new Map<number, AnalyzedSection>();
  const missing = ids.filter((id) => {
    const hit = cache.get(id);
    if (hit) result.set(id, hit);
    return !hit;
  });
  if (missing.length > 0) {
    const rows = statement(
      db,
      `SELECT id, version_id, heading, heading_path, context, body FROM sections
        WHERE tenant = ? AND id IN (SELECT value FROM json_each(?))`,
    ).all(tenant, JSON.stringify(missing));
    for (const raw of rows) {
      const section = analyze(sectionRow.parse(raw));
      if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
      cache.set(section.id, section);
      result.set(section.id, section);
    }
  }
  return result;
}
