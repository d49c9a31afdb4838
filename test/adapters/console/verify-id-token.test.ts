import type { JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyIdToken } from '../../../adapters/console/oidc/verify-id-token.ts';
import { makeSigningKey, signJwt } from './oidc-fixture.ts';

const issuer = 'https://idp.example/tenant/v2.0';
const clientId = 'policy-desk-console';
const now = new Date('2026-03-01T12:00:00Z');
const seconds = Math.floor(now.getTime() / 1000);
const key = makeSigningKey('key-1');
const other = makeSigningKey('key-1');
const keys = [key.jwk as JsonWebKey];

const claims = { iss: issuer, sub: 'abc', aud: clientId, exp: seconds + 600, iat: seconds - 5, nonce: 'n-123', email: 'ana.souza@acme.example' };
const expected = { keys, issuer, clientId, nonce: 'n-123', now };
const token = (overrides: Record<string, unknown> = {}, signer = key.privateKey, header: Record<string, unknown> = {}) =>
  signJwt({ ...claims, ...overrides }, { privateKey: signer, kid: 'key-1' }, header);

describe('verifyIdToken', () => {
  it('accepts a token signed by the provider for this client, with this sign-in\'s nonce', () => {
    expect(verifyIdToken(token(), expected)).toMatchObject({ email: 'ana.souza@acme.example', sub: 'abc' });
    expect(verifyIdToken(token({ aud: [clientId, 'other'], azp: clientId }), expected).sub).toBe('abc');
  });

  it.each([
    ['a signature by another key', () => token({}, other.privateKey), /signature does not verify/],
    ['another issuer', () => token({ iss: 'https://evil.example' }), /issued by https:\/\/evil\.example/],
    ['another audience', () => token({ aud: 'someone-else' }), /another application/],
    ['several audiences without azp', () => token({ aud: [clientId, 'other'] }), /authorized party/],
    ['an expired token', () => token({ exp: seconds - 600 }), /expired/],
    ['a token issued in the future', () => token({ iat: seconds + 3600 }), /future/],
    ['another nonce', () => token({ nonce: 'replayed' }), /nonce/],
    ['no nonce', () => token({ nonce: undefined }), /nonce/],
    ['alg none', () => `${token({}, key.privateKey, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`, /only RS256/],
    ['HS256', () => token({}, key.privateKey, { alg: 'HS256' }), /only RS256/],
    ['an unknown key id', () => token({}, key.privateKey, { kid: 'rotated' }), /no signing key/],
    ['not a JWT', () => 'abc.def', /not a signed JWT/],
  ])('refuses %s', (_what, make, message) => {
    expect(() => verifyIdToken(make(), expected)).toThrow(message);
  });
});
