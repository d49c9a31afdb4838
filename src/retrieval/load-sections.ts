import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { allTerms } from './analyze-text.ts';
import { splitSentences } from './split-sentences.ts';
import { stringListColumn } from '../storage/json-column.ts';

export type Sentence = { text: string; block: number; stems: Set<string>; order: string[] };

/** A section text split into sentences, each with its stems: shared by every section holding the text. */
export type AnalyzedText = { id: number; contextStems: Set<string>; sentences: Sentence[]; length: number };

/** A section ready for ranking: where it is (version, heading) and its analysed text. */
export type AnalyzedSection = AnalyzedText & {
  id: number;
  textId: number;
  versionId: number;
  heading: string;
  path: string[];
  /** Stems of the section's own heading (not the policy title or parent headings). */
  headingStems: Set<string>;
};

const sectionRow = z.object({
  id: z.number(),
  version_id: z.number(),
  heading: z.string(),
  heading_path: stringListColumn,
  text_id: z.number(),
});

const textRow = z.object({ id: z.number(), context: z.string(), body: z.string() });

type SectionPlace = z.infer<typeof sectionRow> & { headingStems: Set<string> };
type Caches = { texts: Map<number, AnalyzedText>; sections: Map<number, SectionPlace> };
const caches = new WeakMap<Db, Caches>();
const cacheLimit = 20_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= cacheLimit) map.delete(map.keys().next().value!);
  map.set(key, value);
}

function analyzeText(row: z.infer<typeof textRow>): AnalyzedText {
  const sentences: Sentence[] = [];
  row.body.split('\n').forEach((block, blockIndex) => {
    for (const text of splitSentences(block)) {
      const order = allTerms(text);
      sentences.push({ text, block: blockIndex, stems: new Set(order), order });
    }
  });
  return {
    id: row.id,
    contextStems: new Set(allTerms(row.context)),
    sentences,
    length: sentences.reduce((sum, sentence) => sum + sentence.order.length, 0),
  };
}

/**
 * Loads sections by id, analysed. Neither a section nor a text ever changes
 * under its id (a changed text is a new version), so both are cached per
 * connection, and a text shared by many sections is analysed once.
 */
export function loadSections(db: Db, tenant: string, ids: number[]): Map<number, AnalyzedSection> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { texts: new Map(), sections: new Map() }));
  const missingSections = ids.filter((id) => !cache.sections.has(id));
  if (missingSections.length > 0) {
    const rows = statement(
      db,
      `SELECT id, version_id, heading, heading_path, text_id FROM sections
        WHERE tenant = ? AND id IN (SELECT value FROM json_each(?))`,
    ).all(tenant, JSON.stringify(missingSections));
    for (const raw of rows) {
      const row = sectionRow.parse(raw);
      remember(cache.sections, row.id, { ...row, headingStems: new Set(allTerms(row.heading)) });
    }
  }
  const textIds = [...new Set(ids.map((id) => cache.sections.get(id)?.text_id).filter((id): id is number => id !== undefined))];
  const missingTexts = textIds.filter((id) => !cache.texts.has(id));
  if (missingTexts.length > 0) {
    const rows = statement(db, 'SELECT id, context, body FROM section_texts WHERE tenant = ? AND id IN (SELECT value FROM json_each(?))').all(
      tenant,
      JSON.stringify(missingTexts),
    );
    for (const raw of rows) {
      const text = analyzeText(textRow.parse(raw));
      remember(cache.texts, text.id, text);
    }
  }
  const result = new Map<number, AnalyzedSection>();
  for (const id of ids) {
    const row = cache.sections.get(id);
    const text = row && cache.texts.get(row.text_id);
    if (!row || !text) continue;
    result.set(id, {
      ...text,
      id,
      textId: row.text_id,
      versionId: row.version_id,
      heading: row.heading,
      path: row.heading_path,
      headingStems: row.headingStems,
    });
  }
  return result;
}
