import { z } from 'zod';
import { StorageError } from '../../errors.ts';
import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';
import { decodeVector } from './decode-vector.ts';
import { readEmbeddingGeneration } from './read-embedding-generation.ts';

/** A tenant's decoded embeddings for one model: row `rows.get(sectionId)` of a row-major matrix. */
export type SectionVectors = { generation: number; dimensions: number; rows: Map<number, number>; matrix: Float32Array };

const rowSchema = z.object({
  section_id: z.number().int(),
  dimensions: z.number().int().positive(),
  vector: z.instanceof(Uint8Array),
});

/**
 * Reads and decodes every stored embedding of a tenant for a model, with the
 * generation it corresponds to. Call inside a transaction so both come from
 * one snapshot. Rows of another length than the first are a storage error:
 * one model name must mean one vector space.
 */
export function loadSectionVectors(db: Db, tenant: string, model: string): SectionVectors {
  const generation = readEmbeddingGeneration(db, tenant, model);
  const found = statement<[string, string], unknown>(
    db,
    'SELECT section_id, dimensions, vector FROM section_embeddings WHERE tenant = ? AND model = ? ORDER BY section_id',
  ).all(tenant, model);
  const parsed = z.array(rowSchema).safeParse(found);
  if (!parsed.success) throw new StorageError(`unreadable section_embeddings row for tenant ${tenant}: ${parsed.error.message}`);
  const dimensions = parsed.data[0]?.dimensions ?? 0;
  const matrix = new Float32Array(parsed.data.length * dimensions);
  const rows = new Map<number, number>();
  parsed.data.forEach((row, index) => {
    if (row.dimensions !== dimensions || row.vector.byteLength !== dimensions * 4) {
      throw new StorageError(
        `section ${row.section_id} has a ${row.dimensions}-dimension embedding for model "${model}" where others have ${dimensions}; ` +
          `delete the model's rows from section_embeddings and embed again`,
      );
    }
    decodeVector(row.vector, matrix, index * dimensions);
    rows.set(row.section_id, index);
  });
  return { generation, dimensions, rows, matrix };
}
