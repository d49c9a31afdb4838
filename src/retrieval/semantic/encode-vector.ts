/** A vector as stored in `section_embeddings.vector`: little-endian float32, whatever the platform. */
export function encodeVector(vector: Float32Array): Buffer {
  const blob = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => blob.writeFloatLE(value, index * 4));
  return blob;
}
