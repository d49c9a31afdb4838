import type { SectionVectors } from './load-section-vectors.ts';

export type SemanticHit = { sectionId: number; similarity: number };

/** Dot product of row `offset` of `matrix` with `query`. Four running sums: about twice as fast as one, which matters at 10k × 1536. */
function dot(matrix: Float32Array, offset: number, query: Float32Array): number {
  const length = query.length;
  const even = length - (length % 4);
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let index = 0; index < even; index += 4) {
    a += matrix[offset + index]! * query[index]!;
    b += matrix[offset + index + 1]! * query[index + 1]!;
    c += matrix[offset + index + 2]! * query[index + 2]!;
    d += matrix[offset + index + 3]! * query[index + 3]!;
  }
  for (let index = even; index < length; index++) a += matrix[offset + index]! * query[index]!;
  return a + b + c + d;
}

/**
 * Scores the given sections against a unit-length query vector (dot product
 * of unit vectors = cosine similarity) and keeps the best `limit`, best
 * first; ties go to the earlier section so results are repeatable.
 */
export function rankBySimilarity(vectors: SectionVectors, query: Float32Array, sectionIds: readonly number[], limit: number): SemanticHit[] {
  const hits: SemanticHit[] = [];
  for (const sectionId of sectionIds) {
    const row = vectors.rows.get(sectionId);
    if (row === undefined) continue;
    // float32 rounding can step just outside [-1, 1].
    const similarity = Math.max(-1, Math.min(1, dot(vectors.matrix, row * vectors.dimensions, query)));
    hits.push({ sectionId, similarity });
  }
  return hits.sort((a, b) => b.similarity - a.similarity || a.sectionId - b.sectionId).slice(0, limit);
}
