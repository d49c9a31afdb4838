import { endianness } from 'node:os';

const littleEndian = endianness() === 'LE';

/**
 * Copies a stored vector (little-endian float32) into `into` from element `at`:
 * a plain byte copy on little-endian machines, which is nearly all of them.
 */
export function decodeVector(blob: Uint8Array, into: Float32Array, at: number): void {
  if (littleEndian) {
    new Uint8Array(into.buffer, into.byteOffset + at * 4, blob.byteLength).set(blob);
    return;
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let index = 0; index < blob.byteLength / 4; index++) into[at + index] = view.getFloat32(index * 4, true);
}
