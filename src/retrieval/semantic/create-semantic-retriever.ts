import { ModelOutputError } from '../../errors.ts';
import type { Db } from '../../storage/open-database.ts';
import { embedPendingSections } from './embed-pending-sections.ts';
import type { EmbeddingsClient } from './embeddings-client.ts';
import { loadSectionVectors, type SectionVectors } from './load-section-vectors.ts';
import { normalizeVector } from './normalize-vector.ts';
import { rankBySimilarity, type SemanticHit } from './rank-by-similarity.ts';
import { readEmbeddingGeneration } from './read-embedding-generation.ts';
import { visibleEmbeddedSections } from './visible-embedded-sections.ts';

export type SemanticRetriever = {
  /** Embeds every section of the tenant with no embedding for this model yet (batches of ≤ 64 texts: the section's context line + "\n" + body, truncated to ~8000 chars). Returns how many were embedded. */
  embedPending(tenant: string): Promise<number>;
  /**
   * The sections most similar to the question, only among sections whose
   * version_id is in the JSON array versionIdsJson, best first, with cosine
   * similarity. Which sections may be scored is decided inside one SQL query
   * (tenant, versions, model); vectors come from the per-tenant cache.
   */
  search(tenant: string, versionIdsJson: string, question: string, limit: number): Promise<SemanticHit[]>;
};

/**
 * Semantic retrieval over a tenant's sections with one embeddings model.
 * Decoded vectors are kept in memory per tenant and reloaded only when the
 * tenant's embeddings changed (in this process or another), so a question
 * costs one query embedding, one generation lookup, one id query and the dot
 * products. A call to `embedPending` while one runs for the tenant joins it.
 */
export function createSemanticRetriever(db: Db, embeddings: EmbeddingsClient, model: string): SemanticRetriever {
  const cache = new Map<string, SectionVectors>();
  const running = new Map<string, Promise<number>>();

  function currentVectors(tenant: string): SectionVectors {
    const cached = cache.get(tenant);
    if (cached && cached.generation === readEmbeddingGeneration(db, tenant, model)) return cached;
    const fresh = loadSectionVectors(db, tenant, model);
    cache.set(tenant, fresh);
    return fresh;
  }

  return {
    embedPending(tenant) {
      let run = running.get(tenant);
      if (!run) {
        run = embedPendingSections(db, embeddings, model, tenant).finally(() => running.delete(tenant));
        running.set(tenant, run);
      }
      return run;
    },

    async search(tenant, versionIdsJson, question, limit) {
      if (limit <= 0 || question.trim() === '' || readEmbeddingGeneration(db, tenant, model) === 0) return [];
      const query = normalizeVector(await embeddings.embedQuery(question));
      // One read transaction: the generation, the vectors and the visible ids come from one snapshot.
      return db.transaction(() => {
        const vectors = currentVectors(tenant);
        if (vectors.rows.size === 0) return [];
        if (query.length !== vectors.dimensions) {
          throw new ModelOutputError(
            `the embeddings model "${model}" returned a ${query.length}-dimension vector for the question ` +
              `where the stored section embeddings have ${vectors.dimensions}`,
          );
        }
        return rankBySimilarity(vectors, query, visibleEmbeddedSections(db, tenant, versionIdsJson, model), limit);
      })();
    },
  };
}
