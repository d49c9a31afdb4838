import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe token (state, nonce, session ids). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomToken(48);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
