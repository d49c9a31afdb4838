import { createHash } from 'node:crypto';
import { PolicyFileError } from '../errors.ts';
import { stem, words } from '../retrieval/analyze-text.ts';
import { stopwords } from '../retrieval/stopwords.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { ParsedPolicy } from './parse-policy-file.ts';
import type { Section } from './split-sections.ts';

export type SaveOutcome = 'added' | 'updated' | 'unchanged';

/** What the FTS "context" column indexes for a section: the policy title and the heading path. */
export function sectionContext(title: string, section: Section): string {
  return [title, ...section.path, section.heading].filter((part, index, all) => all.indexOf(part) === index).join(' › ');
}

/** Counts each distinct text once in the tenant's document frequencies (delta -1: a text removed). */
function addTermStats(db: Db, tenant: string, texts: string[], delta: 1 | -1): void {
  const counts = new Map<string, { df: number; word: string }>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const word of words(text)) {
      if (stopwords.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
      const term = stem(word);
      if (seen.has(term)) continue;
      seen.add(term);
      const entry = counts.get(term);
      if (entry) entry.df += 1;
      else counts.set(term, { df: 1, word });
    }
  }
  const upsert = statement(
    db,
    `INSERT INTO term_stats (tenant, term, df, word) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant, term) DO UPDATE SET df = df + excluded.df`,
  );
  for (const [term, { df, word }] of counts) upsert.run(tenant, term, df * delta, word);
  if (delta < 0) statement(db, 'DELETE FROM term_stats WHERE tenant = ? AND df <= 0').run(tenant);
}

/**
 * The id of a tenant's section text, storing it (and indexing it for
 * search) the first time it is seen. Identical sections, in several versions
 * or policies, share one text, one index entry and one set of statistics.
 */
function storeSectionText(db: Db, tenant: string, context: string, body: string): { id: number; created: boolean } {
  const hash = createHash('sha256').update(context).update('\u0000').update(body).digest('hex');
  const existing = statement<[string, string], { id: number }>(db, 'SELECT id FROM section_texts WHERE tenant = ? AND hash = ?').get(tenant, hash);
  if (existing) return { id: existing.id, created: false };
  const { lastInsertRowid } = statement(db, 'INSERT INTO section_texts (tenant, hash, context, body) VALUES (?, ?, ?, ?)').run(tenant, hash, context, body);
  return { id: Number(lastInsertRowid), created: true };
}

/** Tells every process's catalogue cache for this tenant to reload. */
export function bumpCatalogGeneration(db: Db, tenant: string): void {
  statement(
    db,
    `INSERT INTO catalog_state (tenant, generation) VALUES (?, 1)
     ON CONFLICT (tenant) DO UPDATE SET generation = generation + 1`,
  ).run(tenant);
}

/** Writes a version's sections (and any new texts), counting new texts in the term statistics. */
function insertSections(db: Db, tenant: string, versionId: number | bigint, policy: ParsedPolicy): void {
  const insertSection = statement(
    db,
    `INSERT INTO sections (tenant, version_id, ordinal, heading, heading_path, text_id) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const newTexts: string[] = [];
  policy.sections.forEach((section, ordinal) => {
    const context = sectionContext(policy.metadata.title, section);
    const body = section.blocks.join('\n');
    const { id: textId, created } = storeSectionText(db, tenant, context, body);
    if (created) newTexts.push(`${context}\n${body}`);
    insertSection.run(tenant, versionId, ordinal, section.heading, JSON.stringify(section.path), textId);
  });
  addTermStats(db, tenant, newTexts, 1);
}

/** Removes a version's sections, and the texts no other section holds (from the index and the statistics too). */
function deleteSections(db: Db, tenant: string, versionId: number): void {
  const textIds = statement<[number], { text_id: number }>(db, 'SELECT DISTINCT text_id FROM sections WHERE version_id = ?')
    .all(versionId)
    .map((row) => row.text_id);
  statement(db, 'DELETE FROM sections WHERE version_id = ?').run(versionId);
  const orphans = statement<[string, string], { id: number; context: string; body: string }>(
    db,
    `SELECT id, context, body FROM section_texts
      WHERE tenant = ? AND id IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM sections WHERE sections.text_id = section_texts.id)`,
  ).all(tenant, JSON.stringify(textIds));
  for (const orphan of orphans) statement(db, 'DELETE FROM section_texts WHERE id = ?').run(orphan.id);
  addTermStats(db, tenant, orphans.map((orphan) => `${orphan.context}\n${orphan.body}`), -1);
}

/**
 * Stores one parsed policy version for a tenant. Call inside a transaction.
 *
 * - Same text and metadata: unchanged.
 * - Same text, new metadata (retired, a new review date): updated in place.
 * - The file's text as written is unchanged but reads differently (a better
 *   parser): the sections are rebuilt, and the version counts as updated.
 * - The text as written changed under an existing version: refused, naming
 *   the file; a new text needs a new version.
 */
export function savePolicyVersion(db: Db, tenant: string, policy: ParsedPolicy, ingestedAt: string): SaveOutcome {
  const meta = policy.metadata;
  const jurisdiction = meta.jurisdiction ?? '';
  const existing = statement<
    [string, string, string, string],
    { id: number; text_hash: string; metadata_hash: string; source_hash: string; file_path: string }
  >(
    db,
    'SELECT id, text_hash, metadata_hash, source_hash, file_path FROM policy_versions WHERE tenant = ? AND policy_id = ? AND version = ? AND jurisdiction = ?',
  ).get(tenant, meta.id, meta.version, jurisdiction);

  const reread = existing !== undefined && existing.text_hash !== policy.textHash && existing.source_hash === policy.sourceHash;
  if (existing && existing.text_hash !== policy.textHash && !reread) {
    throw new PolicyFileError(
      policy.file,
      'version',
      `the text of ${meta.id} version ${meta.version} changed since it was ingested (from ${existing.file_path}); give the new text a new version`,
    );
  }
  if (existing && !reread && existing.metadata_hash === policy.metadataHash) return 'unchanged';
  bumpCatalogGeneration(db, tenant);

  const values = [
    meta.title, meta.effective, meta.status, meta.owner, meta.classification,
    meta.audience ? JSON.stringify(meta.audience) : null, meta.review_by ?? null, meta.exceptions, meta.source ?? null,
    policy.file, policy.textHash, policy.metadataHash, policy.sourceHash, ingestedAt,
  ];
  if (existing) {
    statement(
      db,
      `UPDATE policy_versions SET title = ?, effective = ?, status = ?, owner = ?, classification = ?, audience = ?,
         review_by = ?, exceptions = ?, source = ?, file_path = ?, text_hash = ?, metadata_hash = ?, source_hash = ?, ingested_at = ?
       WHERE id = ?`,
    ).run(...values, existing.id);
    if (reread) {
      deleteSections(db, tenant, existing.id);
      insertSections(db, tenant, existing.id, policy);
    }
    return 'updated';
  }

  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO policy_versions (title, effective, status, owner, classification, audience, review_by, exceptions, source,
       file_path, text_hash, metadata_hash, source_hash, ingested_at, tenant, policy_id, version, jurisdiction)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...values, tenant, meta.id, meta.version, jurisdiction);
  insertSections(db, tenant, lastInsertRowid, policy);
  return 'added';
}
