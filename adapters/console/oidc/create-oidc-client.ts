import type { JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import type { OidcSettings } from '../console-deps.ts';
import { OidcError } from './oidc-error.ts';
import { verifyIdToken, type IdTokenClaims } from './verify-id-token.ts';

const discoverySchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});

const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })) });
const tokenSchema = z.looseObject({ id_token: z.string() });

type Discovery = z.infer<typeof discoverySchema>;

export type OidcClient = {
  /** Where to send the browser to sign in. */
  authorizationUrl(params: { state: string; nonce: string; codeChallenge: string }): Promise<string>;
  /** Exchanges the authorization code (with the PKCE verifier) and returns the verified id token's claims. */
  finishSignIn(params: { code: string; codeVerifier: string; nonce: string; now: Date }): Promise<IdTokenClaims>;
};

async function getJson(fetcher: typeof fetch, url: string, what: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new OidcError(`the identity provider's ${what} could not be reached (${url})`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new OidcError(`the identity provider's ${what} answered ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OidcError(`the identity provider's ${what} did not answer JSON`, { cause: error });
  }
}

/**
 * An OpenID Connect relying party for the authorization-code flow with PKCE:
 * the discovery document is fetched once (and its issuer checked), the
 * provider's keys (JWKS) when first needed and again when a token names a
 * key we do not have (the provider rotated its keys).
 */
export function createOidcClient(settings: OidcSettings, fetcher: typeof fetch = fetch): OidcClient {
  let discovery: Promise<Discovery> | undefined;
  let keys: JsonWebKey[] | undefined;

  const discover = () => {
    discovery ??= (async () => {
      const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const parsed = discoverySchema.safeParse(await getJson(fetcher, url, 'discovery document'));
      if (!parsed.success) throw new OidcError(`the discovery document lacks ${parsed.error.issues[0]?.path.join('.')}`);
      if (parsed.data.issuer !== settings.issuer) throw new OidcError(`the discovery document names issuer ${parsed.data.issuer}, not ${settings.issuer}`);
      return parsed.data;
    })().catch((error: unknown) => {
      // A provider that was down must be retried at the next sign-in.
      discovery = undefined;
      throw error;
    });
    return discovery;
  };

  const fetchKeys = async (): Promise<JsonWebKey[]> => {
    const parsed = jwksSchema.safeParse(await getJson(fetcher, (await discover()).jwks_uri, 'key set (JWKS)'));
    if (!parsed.success) throw new OidcError('the key set (JWKS) is malformed');
    keys = parsed.data.keys as JsonWebKey[];
    return keys;
  };

  return {
    async authorizationUrl({ state, nonce, codeChallenge }) {
      const url = new URL((await discover()).authorization_endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', settings.clientId);
      url.searchParams.set('redirect_uri', settings.redirectUrl);
      url.searchParams.set('scope', 'openid email profile');
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.toString();
    },

    async finishSignIn({ code, codeVerifier, nonce, now }) {
      const { token_endpoint: tokenEndpoint } = await discover();
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: settings.redirectUrl,
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        code_verifier: codeVerifier,
      });
      const token = tokenSchema.safeParse(
        await getJson(fetcher, tokenEndpoint, 'token endpoint', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }),
      );
      if (!token.success) throw new OidcError('the token endpoint returned no id token');
      const idToken = token.data.id_token;
      const expected = { issuer: settings.issuer, clientId: settings.clientId, nonce, now };
      const cached = keys;
      try {
        return verifyIdToken(idToken, { ...expected, keys: cached ?? (await fetchKeys()) });
      } catch (error) {
        // A key we have never seen: the provider may have rotated since we fetched; fetch once more.
        if (error instanceof OidcError && error.message.startsWith('no signing key') && cached) return verifyIdToken(idToken, { ...expected, keys: await fetchKeys() });
        throw error;
      }
    },
  };
}
