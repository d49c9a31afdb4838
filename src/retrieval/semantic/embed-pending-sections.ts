import { ModelOutputError } from '../../errors.ts';
import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';
import type { EmbeddingsClient } from './embeddings-client.ts';
import { embeddingText } from './embedding-text.ts';
import { encodeVector } from './encode-vector.ts';
import { normalizeVector } from './normalize-vector.ts';

const batchSize = 64;

type Pending = { id: number; text_id: number; context: string; body: string };

function storedDimensions(db: Db, tenant: string, model: string): number | undefined {
  return statement<[string, string], { dimensions: number }>(
    db,
    'SELECT dimensions FROM section_embeddings WHERE tenant = ? AND model = ? LIMIT 1',
  ).get(tenant, model)?.dimensions;
}

/** Vectors already stored for these texts under other sections (an unchanged section of a new version, shared boilerplate). */
function knownVectors(db: Db, tenant: string, model: string, textIds: number[]): Map<number, Buffer> {
  const rows = statement<[string, string, string], { text_id: number; vector: Buffer }>(
    db,
    `SELECT s.text_id, e.vector
       FROM sections s
       JOIN section_embeddings e ON e.section_id = s.id AND e.model = ?
      WHERE s.tenant = ? AND s.text_id IN (SELECT value FROM json_each(?))
      GROUP BY s.text_id`,
  ).all(model, tenant, JSON.stringify(textIds));
  return new Map(rows.map((row) => [row.text_id, row.vector]));
}

/**
 * Embeds, in batches of up to 64, every section of the tenant that has no
 * embedding for `model` yet, and returns how many sections were stored. A
 * text already embedded for another section is reused, not sent again. Each
 * batch is committed on its own, so a failure keeps the work done and a
 * rerun carries on; a section embedded meanwhile by another process is kept.
 */
export async function embedPendingSections(db: Db, embeddings: EmbeddingsClient, model: string, tenant: string): Promise<number> {
  const pending = statement<[string, number, string, number], Pending>(
    db,
    `SELECT s.id, s.text_id, t.context, t.body
       FROM sections s
       JOIN section_texts t ON t.id = s.text_id
      WHERE s.tenant = ? AND s.id > ?
        AND NOT EXISTS (SELECT 1 FROM section_embeddings e WHERE e.section_id = s.id AND e.model = ?)
      ORDER BY s.id
      LIMIT ?`,
  );
  // Through `sections`, so a section deleted while its batch was being embedded is skipped, not an error.
  const insert = statement(
    db,
    `INSERT INTO section_embeddings (section_id, tenant, model, dimensions, vector)
     SELECT id, tenant, ?, ?, ? FROM sections WHERE id = ? AND tenant = ?
     ON CONFLICT (section_id, model) DO NOTHING`,
  );
  let dimensions = storedDimensions(db, tenant, model);
  let stored = 0;
  let after = 0;
  for (;;) {
    const batch = pending.all(tenant, after, model, batchSize);
    if (batch.length === 0) return stored;
    after = batch.at(-1)!.id;
    const blobs = knownVectors(db, tenant, model, [...new Set(batch.map((section) => section.text_id))]);
    const unknown = [...new Map(batch.filter((section) => !blobs.has(section.text_id)).map((section) => [section.text_id, section])).values()];
    const vectors = await embeddings.embedDocuments(unknown.map((section) => embeddingText(section.context, section.body)));
    if (vectors.length !== unknown.length) {
      throw new ModelOutputError(`the embeddings model "${model}" returned ${vectors.length} vector(s) for ${unknown.length} text(s)`);
    }
    const units = vectors.map(normalizeVector);
    dimensions ??= units[0]?.length;
    const wrong = units.find((unit) => unit.length !== dimensions);
    if (wrong) {
      throw new ModelOutputError(
        `the embeddings model "${model}" returned a ${wrong.length}-dimension vector where this tenant's embeddings have ${dimensions}; ` +
          'if the model behind that name changed, delete its rows from section_embeddings and embed again',
      );
    }
    units.forEach((unit, index) => blobs.set(unknown[index]!.text_id, encodeVector(unit)));
    stored += db
      .transaction(() =>
        batch.reduce((count, section) => {
          const blob = blobs.get(section.text_id)!;
          return count + insert.run(model, blob.byteLength / 4, blob, section.id, tenant).changes;
        }, 0),
      )
      .immediate();
  }
}
