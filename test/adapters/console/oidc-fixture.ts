import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** A locally made RSA key, as an identity provider would hold it, with its public JWK. */
export function makeSigningKey(kid: string): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256-signed JWT (or, with `alg`, a token claiming another algorithm). */
export function signJwt(claims: Record<string, unknown>, key: { privateKey: KeyObject; kid: string }, header: Record<string, unknown> = {}): string {
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${part(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}
