import { createHash } from 'node:crypto';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExamples } from '../../support/examples.ts';
import { createBrowser, startConsole } from './console-harness.ts';
import { makeSigningKey, signJwt } from './oidc-fixture.ts';

const issuer = 'https://idp.example/acme/v2.0';
const clientId = 'policy-desk-console';
const key = makeSigningKey('key-1');

/** The identity provider: discovery, keys, and a token endpoint that answers with `idToken(nonce)` after checking the PKCE verifier. */
function mockProvider(idToken: (nonce: string) => string, sent: { challenge?: string; nonce?: string }) {
  nock('https://idp.example')
    .get('/acme/v2.0/.well-known/openid-configuration')
    .reply(200, { issuer, authorization_endpoint: 'https://idp.example/acme/authorize', token_endpoint: 'https://idp.example/acme/token', jwks_uri: 'https://idp.example/acme/keys' });
  nock('https://idp.example').get('/acme/keys').reply(200, { keys: [key.jwk] });
  return nock('https://idp.example')
    .post('/acme/token', (body: Record<string, string>) => {
      const challenge = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
      return body.grant_type === 'authorization_code' && body.code === 'code-1' && body.client_secret === 'secret' && challenge === sent.challenge && body.redirect_uri === 'http://127.0.0.1/console/auth/callback';
    })
    .reply(200, () => ({ token_type: 'Bearer', id_token: idToken(sent.nonce!) }));
}

async function start() {
  const { base } = await startConsole(await loadExamples(), {
    oidc: { issuer, clientId, clientSecret: 'secret', redirectUrl: 'http://127.0.0.1/console/auth/callback', tenant: 'acme' },
  });
  return createBrowser(base);
}

/** Sends the browser to the provider and returns the state, nonce and challenge it was given. */
async function goToProvider(browser: ReturnType<typeof createBrowser>, sent: { challenge?: string; nonce?: string }) {
  const toProvider = await browser.get('/console/sign-in/oidc');
  expect(toProvider.status).toBe(302);
  const url = new URL(toProvider.location!);
  expect(`${url.origin}${url.pathname}`).toBe('https://idp.example/acme/authorize');
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: clientId, scope: 'openid email profile', code_challenge_method: 'S256' });
  sent.challenge = url.searchParams.get('code_challenge')!;
  sent.nonce = url.searchParams.get('nonce')!;
  return url.searchParams.get('state')!;
}

const claims = (nonce: string, email: string) => {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, sub: 'sub-1', aud: clientId, exp: now + 600, iat: now, nonce, email };
};

describe('console: OpenID Connect sign-in', () => {
  afterEach(() => nock.cleanAll());

  it('signs in with the authorization-code flow (PKCE, state, nonce) and maps the email to a directory person', async () => {
    const browser = await start();
    const sent: { challenge?: string; nonce?: string } = {};
    const token = mockProvider((nonce) => signJwt(claims(nonce, 'Dev.Patel@acme.example'), { privateKey: key.privateKey, kid: 'key-1' }), sent);
    const state = await goToProvider(browser, sent);
    const back = await browser.get(`/console/auth/callback?code=code-1&state=${state}`);
    expect(back.status).toBe(303);
    expect(back.location).toBe('/console/playground');
    expect(token.isDone()).toBe(true);
    const page = await browser.follow(back);
    expect(page.text).toContain('Signed in as <strong>Dev Patel</strong>');
    expect(page.text).not.toContain('Switch user');
  });

  it('refuses a callback whose state is not this sign-in\'s, without asking for a token', async () => {
    const browser = await start();
    const sent: { challenge?: string; nonce?: string } = {};
    const token = mockProvider((nonce) => signJwt(claims(nonce, 'dev.patel@acme.example'), { privateKey: key.privateKey, kid: 'key-1' }), sent);
    await goToProvider(browser, sent);
    const back = await browser.get('/console/auth/callback?code=code-1&state=forged');
    expect(back.status).toBe(400);
    expect(back.text).toContain('state mismatch');
    expect(token.isDone()).toBe(false);
  });

  it('refuses a token for another nonce, and a person the directory does not know', async () => {
    const replayed = await start();
    const sent: { challenge?: string; nonce?: string } = {};
    mockProvider(() => signJwt(claims('old-nonce', 'dev.patel@acme.example'), { privateKey: key.privateKey, kid: 'key-1' }), sent);
    const state = await goToProvider(replayed, sent);
    const refused = await replayed.get(`/console/auth/callback?code=code-1&state=${state}`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('does not carry the nonce of this sign-in');

    const stranger = await start();
    const sentToo: { challenge?: string; nonce?: string } = {};
    mockProvider((nonce) => signJwt(claims(nonce, 'someone@elsewhere.example'), { privateKey: key.privateKey, kid: 'key-1' }), sentToo);
    const stateToo = await goToProvider(stranger, sentToo);
    const unknown = await stranger.get(`/console/auth/callback?code=code-1&state=${stateToo}`);
    expect(unknown.status).toBe(403);
    expect(unknown.text).toContain('nobody with that email or account id is in the acme directory');
    expect((await stranger.get('/console/playground')).location).toBe('/console/sign-in');
  });

  it('turns local sign-in off', async () => {
    const browser = await start();
    const page = await browser.get('/console/sign-in');
    expect(page.text).toContain('href="/console/sign-in/oidc"');
    expect(page.text).not.toContain('acme/ana');
    expect((await browser.post('/console/sign-in/local', { who: 'acme/olga' })).status).toBe(403);
  });
});
