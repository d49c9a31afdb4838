import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  appId,
  connector,
  createSigningKey,
  db,
  personalMessage,
  service,
  serviceUrl,
  signToken,
  startTeamsService,
  teamsSettings,
  teamsUsers,
  useTeamsWorld,
} from './teams-harness.ts';

// One key the Bot Framework publishes, and one it does not: tokens are signed locally, the
// OpenID metadata and key set are served by nock, and botbuilder validates for real.
const published = createSigningKey();
useTeamsWorld(published);
const unpublished = createSigningKey();

const now = () => Math.floor(Date.now() / 1000);
const goodToken = () => signToken(published);

/**
 * Every bad token is sent right after a good one that is accepted, so a
 * 401 is never the effect of keys that failed to load or a cache left in
 * some state by an earlier test: botbuilder keeps the OpenID metadata and
 * keys in a process-wide cache.
 */
const badTokens: [string, () => string, Record<string, unknown>?][] = [
  ['a key id the Bot Framework does not publish', () => signToken(unpublished)],
  ['the published key id but signed with another key', () => signToken({ kid: published.kid, privateKey: unpublished.privateKey })],
  ['the wrong issuer', () => signToken(published, { claims: { iss: 'https://api.botframework.evil.example' } })],
  ['the wrong audience (another bot)', () => signToken(published, { claims: { aud: '0d9f1e2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f' } })],
  ['a serviceurl claim that is not the activity’s', () => signToken(published, { claims: { serviceurl: 'https://smba.evil.example/amer/' } })],
  ['an expired token', () => signToken(published, { nowSeconds: now() - 7200 })],
  ['a token not valid yet', () => signToken(published, { claims: { nbf: now() + 3600 } })],
  ['alg: none', () => signToken(published, { header: { alg: 'none' }, unsigned: true })],
  ['HS256 signed with the public key as the secret', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: published.kid })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, exp: now() + 3600 })).toString('base64url');
    return `${header}.${claims}.c2lnbmF0dXJl`;
  }],
  ['garbage', () => 'not.a.jwt'],
];

describe('POST /api/messages authentication', () => {
  it('accepts an activity with a token the Bot Connector would send, and answers', async () => {
    const since = connector.calls.length;
    const response = await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'), { token: goodToken() });
    expect(response.status).toBe(200);
    const reply = await connector.next((call) => call.method === 'POST' && call.path.includes('/activities'), since);
    expect(reply.authorization).toBe('Bearer outbound-token-for-the-connector');
  });

  it.each(badTokens)('refuses %s with 401, and does nothing', async (_name, token) => {
    const control = connector.calls.length;
    expect((await service.post(personalMessage(teamsUsers.ana, 'hello'), { token: goodToken() })).status).toBe(200);
    await connector.next((call) => call.method === 'POST' && call.path.includes('/activities'), control);
    const since = connector.calls.length;
    const before = db.prepare('SELECT count(*) AS n FROM teams_activities').get();
    const response = await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'), { token: token() });
    expect(response.status).toBe(401);
    expect(db.prepare('SELECT count(*) AS n FROM teams_activities').get()).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connector.calls.slice(since).filter((call) => call.path.includes('/activities'))).toEqual([]);
  });

  it('refuses a request without an Authorization header, or with another scheme, with 401', async () => {
    expect((await service.post(personalMessage(teamsUsers.ana, 'hello'), { token: null })).status).toBe(401);
    expect((await service.post(personalMessage(teamsUsers.ana, 'hello'), { token: null, headers: { authorization: `Basic ${goodToken()}` } })).status).toBe(401);
  });

  it('refuses malformed JSON and bodies that are not activities with 400, other methods with 405, oversized bodies with 413', async () => {
    expect((await service.post('{"type": "message",', { token: goodToken() })).status).toBe(400);
    const noServiceUrl = personalMessage(teamsUsers.ana, 'hi');
    delete noServiceUrl.serviceUrl;
    const refused = await service.post(noServiceUrl, { token: goodToken() });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining('serviceUrl') });
    expect((await fetch(service.url, { method: 'GET' })).status).toBe(405);
    expect((await service.post({ ...personalMessage(teamsUsers.ana, 'x'.repeat(1_100_000)) }, { token: goodToken() })).status).toBe(413);
  });
});

describe('signing keys published elsewhere (TEAMS_OPENID_METADATA_URL)', () => {
  it('checks tokens against that metadata, with the same issuer, audience and serviceurl rules', async () => {
    const elsewhere = createSigningKey();
    nock('https://keys.sovereign.example').persist().get('/v1/openid').reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://keys.sovereign.example/v1/keys' });
    nock('https://keys.sovereign.example').persist().get('/v1/keys').reply(200, { keys: [elsewhere.jwk] });
    const other = await startTeamsService(db, { key: elsewhere, settings: teamsSettings({ openIdMetadataUrl: 'https://keys.sovereign.example/v1/openid' }) });
    try {
      expect((await other.post(personalMessage(teamsUsers.ana, 'hello'), { token: signToken(elsewhere) })).status).toBe(200);
      expect((await other.post(personalMessage(teamsUsers.ana, 'hello'), { token: signToken(published) })).status).toBe(401);
      expect((await other.post(personalMessage(teamsUsers.ana, 'hello'), { token: signToken(elsewhere, { claims: { aud: 'another-bot' } }) })).status).toBe(401);
      expect((await other.post(personalMessage(teamsUsers.ana, 'hello'), { token: signToken(elsewhere, { claims: { iss: 'https://issuer.evil.example' } }) })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('emulator mode', () => {
  it('runs without authentication only for loopback peers', async () => {
    const emulator = await startTeamsService(db, { key: published, settings: teamsSettings({ appId: '', appPassword: '', emulator: true }) });
    try {
      const since = connector.calls.length;
      const response = await emulator.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'), { token: null });
      expect(response.status).toBe(200);
      const reply = await connector.next((call) => call.method === 'POST' && call.path.includes('/activities'), since);
      expect(reply.authorization).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });
});

describe('a single-tenant bot (TEAMS_APP_TENANT_ID)', () => {
  it('signs its replies in with its own Entra tenant, not the Bot Framework’s', async () => {
    const appTenant = '0f5e1d2c-3b4a-4d6e-8f70-9a1b2c3d4e5f';
    // An app of its own: botbuilder caches outbound tokens process-wide by app id.
    const singleAppId = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
    const tokenRequests: string[] = [];
    nock('https://login.microsoftonline.com')
      .persist()
      .post(new RegExp(`^/${appTenant}/oauth2/v2\\.0/token`))
      .reply(200, (_uri, body) => {
        tokenRequests.push(String(body));
        return { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'single-tenant-outbound-token' };
      });
    const single = await startTeamsService(db, { key: published, settings: teamsSettings({ appId: singleAppId, appTenantId: appTenant }) });
    try {
      const since = connector.calls.length;
      expect((await single.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'), { token: signToken(published, { claims: { aud: singleAppId } }) })).status).toBe(200);
      const reply = await connector.next((call) => call.method === 'POST' && call.path.includes('/activities'), since);
      expect(reply.authorization).toBe('Bearer single-tenant-outbound-token');
      expect(tokenRequests[0]).toContain(`client_id=${singleAppId}`);
      expect(decodeURIComponent(tokenRequests[0]!)).toContain('scope=https://api.botframework.com/.default');
    } finally {
      await single.close();
    }
  });
});
