import { ModelOutputError } from '../../errors.ts';

/** The vector scaled to unit length, so cosine similarity is a dot product. A zero vector has no direction and is refused. */
export function normalizeVector(vector: readonly number[]): Float32Array {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const norm = Math.sqrt(squares);
  if (!(norm > 0 && Number.isFinite(norm))) {
    throw new ModelOutputError(`the embeddings model returned a vector that cannot be normalised (length ${norm})`);
  }
  return Float32Array.from(vector, (value) => value / norm);
}
