import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';

/**
 * A number that changes whenever a tenant's embeddings for a model change
 * (kept by triggers, see migrations/0002), 0 if none were ever stored: one
 * key lookup to tell whether decoded vectors are still current.
 */
export function readEmbeddingGeneration(db: Db, tenant: string, model: string): number {
  const row = statement<[string, string], { generation: number }>(
    db,
    'SELECT generation FROM section_embedding_state WHERE tenant = ? AND model = ?',
  ).get(tenant, model);
  return row?.generation ?? 0;
}
