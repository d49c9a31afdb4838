import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { OidcError } from './oidc-error.ts';

const header = z.object({ alg: z.string(), kid: z.string().optional(), typ: z.string().optional() });

const claimsSchema = z.looseObject({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  nonce: z.string().optional(),
  azp: z.string().optional(),
  email: z.string().optional(),
  preferred_username: z.string().optional(),
  oid: z.string().optional(),
  name: z.string().optional(),
});

export type IdTokenClaims = z.infer<typeof claimsSchema>;

/** Clock skew tolerated between us and the identity provider. */
const skewSeconds = 120;

function decodePart(part: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch (error) {
    throw new OidcError(`the id token's ${what} is not base64url JSON`, { cause: error });
  }
}

/**
 * Checks an id token as OpenID Connect Core §3.1.3.7 asks: an RS256
 * signature by one of the provider's keys (the one its `kid` names), the
 * issuer, this client among the audiences (and as `azp` when there are
 * several), not expired nor issued for later, and the nonce this sign-in
 * sent. Returns the claims; throws OidcError naming the first check failed.
 */
export function verifyIdToken(
  token: string,
  expected: { keys: JsonWebKey[]; issuer: string; clientId: string; nonce: string; now: Date },
): IdTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new OidcError('the id token is not a signed JWT');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const parsedHeader = header.safeParse(decodePart(headerPart, 'header'));
  if (!parsedHeader.success) throw new OidcError('the id token has no usable header');
  // Only RS256: "none" or an HMAC keyed with a public key must never pass.
  if (parsedHeader.data.alg !== 'RS256') throw new OidcError(`the id token is signed with ${parsedHeader.data.alg}; only RS256 is accepted`);
  const candidates = expected.keys.filter((key) => key.kty === 'RSA' && (parsedHeader.data.kid === undefined || key.kid === parsedHeader.data.kid) && (key.use === undefined || key.use === 'sig'));
  if (candidates.length === 0) throw new OidcError(`no signing key of the provider has the id token's key id (${parsedHeader.data.kid ?? 'none'})`);
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  const valid = candidates.some((jwk) => {
    try {
      return verify('RSA-SHA256', signed, createPublicKey({ key: jwk, format: 'jwk' }), signature);
    } catch {
      return false;
    }
  });
  if (!valid) throw new OidcError("the id token's signature does not verify with the provider's keys");

  const parsedClaims = claimsSchema.safeParse(decodePart(payloadPart, 'claims'));
  if (!parsedClaims.success) throw new OidcError(`the id token's claims are malformed: ${parsedClaims.error.issues[0]?.path.join('.')}`);
  const claims = parsedClaims.data;
  const nowSeconds = Math.floor(expected.now.getTime() / 1000);
  if (claims.iss !== expected.issuer) throw new OidcError(`the id token was issued by ${claims.iss}, not ${expected.issuer}`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) throw new OidcError('the id token was issued for another application (audience)');
  if (audiences.length > 1 && claims.azp !== expected.clientId) throw new OidcError('the id token names several audiences but not this application as authorized party');
  if (claims.exp + skewSeconds < nowSeconds) throw new OidcError('the id token has expired');
  if (claims.nbf !== undefined && claims.nbf - skewSeconds > nowSeconds) throw new OidcError('the id token is not valid yet');
  if (claims.iat !== undefined && claims.iat - skewSeconds > nowSeconds) throw new OidcError('the id token was issued in the future');
  if (claims.nonce !== expected.nonce) throw new OidcError('the id token does not carry the nonce of this sign-in (a replayed or foreign token)');
  return claims;
}
