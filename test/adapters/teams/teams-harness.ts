import { generateKeyPairSync, randomUUID, sign as signBytes, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { createTeamsBot, type TeamsDeps } from '../../../adapters/teams/create-teams-bot.ts';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import type { TeamsConfig } from '../../../src/config/load-config.ts';
import { createHttpServer } from '../../../src/http/create-http-server.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';

/** The bot's Microsoft App ID and the Entra tenant of Acme in these tests. */
export const appId = '3f1e9c57-8d2a-4b6e-9f0c-7a1b2c3d4e5f';
export const acmeEntraTenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const serviceUrl = 'https://smba.trafficmanager.net/amer/';
export const botAccount = { id: `28:${appId}`, name: 'Policy Desk' };
export const openIdHost = 'https://login.botframework.com';
export const issuer = 'https://api.botframework.com';

/** People of examples/acme as Teams sends them (Entra object ids from directory.yml). */
export const teamsUsers = {
  ana: { id: '29:1ana', name: 'Ana Souza', aadObjectId: '6f1c0a3e-2b7d-4e51-9a0c-1d2e3f405161' },
  tom: { id: '29:1tom', name: 'Tom Baker', aadObjectId: '3a7c9e11-5d2b-4c6f-8e0a-9b1c2d3e4f50' },
  dev: { id: '29:1dev', name: 'Dev Patel', aadObjectId: 'c4e6a8b0-2d4f-4a1c-8e3b-5d7f9a1b3c5d' },
  hiro: { id: '29:1hiro', name: 'Hiro Tanaka', aadObjectId: '0b9e2d41-7c3a-4f8e-b1d2-3c4d5e6f7081' },
  sam: { id: '29:1sam', name: 'Sam Rivera', aadObjectId: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9' },
  maya: { id: '29:1maya', name: 'Maya Cohen', aadObjectId: '5b7d9f1a-3c5e-4b7d-9f1a-3c5e7b9d1f3a' },
  nora: { id: '29:1nora', name: 'Nora Blake', aadObjectId: '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c' },
  grace: { id: '29:1grace', name: 'Grace Kim', aadObjectId: '1f3e5d7c-9b2a-4c8e-a6d4-f2e0c8b6a4d2' },
  ivan: { id: '29:1ivan', name: 'Ivan Petrov', aadObjectId: '7e9c1b3d-5f7a-4e2c-b4d6-8f0a2c4e6a8b' },
  stranger: { id: '29:1stranger', name: 'Sasha Unknown', aadObjectId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' },
};

export type TeamsUser = { id: string; name: string; aadObjectId: string };

/** An RSA signing key as the Bot Framework publishes it, generated for this test file. */
export function createSigningKey(kid = `test-${randomUUID()}`) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] } };
}

export type SigningKey = ReturnType<typeof createSigningKey>;

/** Serves the Bot Framework's OpenID metadata and its key set (JWKS) with these keys, for as long as the test file runs. */
export function serveOpenIdMetadata(keys: SigningKey[]) {
  nock(openIdHost)
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${openIdHost}/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
  nock(openIdHost).persist().get('/v1/.well-known/keys').reply(200, { keys: keys.map((key) => key.jwk) });
}

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT as the Bot Connector signs it (RS256), with any header or claim overridden for the bad variants. */
export function signToken(
  key: { kid: string; privateKey: KeyObject },
  options: { claims?: Record<string, unknown>; header?: Record<string, unknown>; unsigned?: boolean; nowSeconds?: number } = {},
): string {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header };
  const claims = { iss: issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...options.claims };
  const signed = `${base64url(header)}.${base64url(claims)}`;
  if (options.unsigned) return `${signed}.`;
  return `${signed}.${signBytes('sha256', Buffer.from(signed), key.privateKey).toString('base64url')}`;
}

/** The token endpoint MSAL asks for the bot's outbound token. */
export function serveOutboundToken() {
  nock('https://login.microsoftonline.com')
    .persist()
    .post(/\/botframework\.com\/oauth2\/v2\.0\/token/)
    .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'outbound-token-for-the-connector' });
}

export type ConnectorCall = { method: string; path: string; body: Record<string, unknown> | undefined; authorization: string | undefined };
/** A reply to a connector call; `'drop'`: the connection fails after the request went out, with no answer; `'hang'`: no answer ever (the caller waits on it). */
type Reply = [number, unknown?, Record<string, string>?] | 'drop' | 'hang';

/**
 * The Bot Connector at `serviceUrl`, faked: every call is recorded, and
 * answered by `respond` (tests replace it), by default as Teams would:
 * new activities get ids, updates succeed, a conversation's roster is its
 * entry in `rosters` (else `roster`), a member lookup is 404, a new
 * conversation gets an id.
 */
export function fakeConnector() {
  let counter = 0;
  const connector = {
    calls: [] as ConnectorCall[],
    roster: [] as TeamsUser[],
    /** Rosters of particular conversations (a channel whose members are not its team's), by conversation id. */
    rosters: {} as Record<string, TeamsUser[]>,
    /** Answers a call (undefined: the default); a promise answers it when it settles, as a slow connector would. */
    respond: undefined as ((call: ConnectorCall) => Reply | Promise<Reply> | undefined) | undefined,
    /** Waits for a call matching `match` made after the `since`-th call. */
    async next(match: (call: ConnectorCall) => boolean, since = 0, timeoutMs = 5000): Promise<ConnectorCall> {
      const start = Date.now();
      for (;;) {
        const found = connector.calls.slice(since).find(match);
        if (found) return found;
        if (Date.now() - start > timeoutMs) throw new Error(`no connector call matched; calls were: ${connector.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  const defaultReply = (call: ConnectorCall): Reply => {
    if (call.method === 'POST' && /\/v3\/conversations$/.test(call.path)) return [201, { id: `a:opened-${++counter}`, activityId: `opened-${counter}` }];
    if (call.method === 'POST') return [201, { id: `activity-${++counter}` }];
    if (call.method === 'PUT') return [200, { id: call.path.split('/').pop() }];
    const rostered = /\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(call.path);
    if (call.method === 'GET' && rostered) return [200, { members: (connector.rosters[rostered[1]!] ?? connector.roster).map((user) => ({ ...user, userPrincipalName: `${user.name}@acme.example` })) }];
    if (call.method === 'GET') return [404, { error: { code: 'NotFound', message: 'member not found' } }];
    return [200, {}];
  };
  for (const method of ['POST', 'PUT', 'GET', 'DELETE'] as const) {
    nock(serviceUrl.replace(/\/$/, ''))
      .persist()
      .intercept(/\/amer\/v3\/.*/, method)
      .reply(async function (path, body) {
        const call: ConnectorCall = {
          method,
          path: decodeURIComponent(path.split('?')[0]!),
          body: typeof body === 'string' ? (body ? JSON.parse(body) : undefined) : (body as Record<string, unknown>),
          authorization: this.req.headers.authorization as string | undefined,
        };
        connector.calls.push(call);
        const answer = await (connector.respond?.(call) ?? defaultReply(call));
        // A rejection of the reply (thrown in it) makes nock destroy the request rather than fail the test process.
        if (answer === 'drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        if (answer === 'hang') return new Promise(() => undefined) as never;
        const [status, reply, headers] = answer;
        return [status, (reply ?? '') as never, headers ?? {}];
      });
  }
  return connector;
}

export type FakeConnector = ReturnType<typeof fakeConnector>;

export const teamsSettings = (overrides: Partial<TeamsConfig> = {}): TeamsConfig => ({
  appId,
  appPassword: 'test-client-secret',
  appTenantId: undefined,
  tenants: { [acmeEntraTenant]: 'acme' },
  emulator: false,
  openIdMetadataUrl: undefined,
  ...overrides,
});

/** Starts the real service HTTP server, with the Teams bot mounted at /api/messages, on a free loopback port. */
export async function startTeamsService(
  db: Db,
  options: { key: SigningKey; settings?: TeamsConfig; answerer?: Answerer; placeholderAfterMs?: number; actionAnswerMs?: number; heartbeatMs?: number; repeatWaitMs?: number; retry?: TeamsDeps['retry']; comms?: TeamsDeps['comms']; now?: () => Date } = {} as never,
) {
  const logger = createLogger('silent');
  const bot = createTeamsBot(options.settings ?? teamsSettings(), {
    db,
    answerer: options.answerer ?? createOfflineAnswerer(),
    logger,
    placeholderAfterMs: options.placeholderAfterMs,
    ...(options.actionAnswerMs !== undefined ? { actionAnswerMs: options.actionAnswerMs } : {}),
    ...(options.comms ? { comms: options.comms } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.repeatWaitMs !== undefined ? { repeatWaitMs: options.repeatWaitMs } : {}),
    retry: { baseDelayMs: 1, maxDelayMs: 5, ...options.retry },
  });
  const server = createHttpServer({ db, logger, routes: [bot.route] });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/messages`;

  /** POSTs an activity (or raw text) to /api/messages with a good token unless told otherwise. */
  async function post(activity: Record<string, unknown> | string, init: { token?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const token = init.token === undefined ? signToken(options.key, { claims: { serviceurl: (activity as { serviceUrl?: string }).serviceUrl ?? serviceUrl } }) : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    return fetch(url, { method: 'POST', headers, body: typeof activity === 'string' ? activity : JSON.stringify(activity), ...(init.signal ? { signal: init.signal } : {}) });
  }

  return { url, post, bot, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type TeamsService = Awaited<ReturnType<typeof startTeamsService>>;

let activityCounter = 0;

/** A message in the user's personal chat with the bot, as Teams sends it. */
export function personalMessage(user: TeamsUser, text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `1763900000${String(++activityCounter).padStart(3, '0')}`,
    timestamp: '2026-03-02T10:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: botAccount,
    conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: acmeEntraTenant },
    text,
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: acmeEntraTenant } },
    ...overrides,
  };
}

export const reviewersChannel = '19:acme-finance-reviewers@thread.tacv2';
export const acmeTeam = '19:acme-general@thread.tacv2';
export const salesChannel = '19:acme-sales@thread.tacv2';

/** An @mention of the bot in a team channel, as Teams sends it (a new post: the conversation id names the thread). */
export function channelMention(user: TeamsUser, question: string, channel = salesChannel): Record<string, unknown> {
  const id = `1763900100${String(++activityCounter).padStart(3, '0')}`;
  return {
    type: 'message',
    id,
    serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: botAccount,
    conversation: { id: `${channel};messageid=${id}`, conversationType: 'channel', tenantId: acmeEntraTenant, isGroup: true },
    text: `<at>Policy Desk</at> ${question}`,
    entities: [{ type: 'mention', mentioned: botAccount, text: '<at>Policy Desk</at>' }],
    channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: channel } },
  };
}

/** An Action.Execute press (Universal Actions invoke) on a card in a conversation. */
export function actionInvoke(user: TeamsUser, verb: string, data: Record<string, unknown>, where: { conversation: Record<string, unknown>; replyToId?: string; channelData?: Record<string, unknown> }): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${randomUUID()}`,
    serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: botAccount,
    conversation: where.conversation,
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    channelData: where.channelData ?? { tenant: { id: acmeEntraTenant } },
  };
}

/** The conversation of a user's personal chat with the bot. */
export const personalConversation = (user: TeamsUser) => ({ id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: acmeEntraTenant });
/** A channel's conversation. */
export const channelConversation = (channel: string) => ({ id: channel, conversationType: 'channel', tenantId: acmeEntraTenant, isGroup: true });

/**
 * What every Teams test through the real endpoint needs: the Bot Framework's
 * signing keys published (with `key`), the bot's outbound token served, a fake
 * connector, and the service started on a free loopback port.
 */
export async function startTeamsWorld(db: Db, key: SigningKey) {
  serveOpenIdMetadata([key]);
  serveOutboundToken();
  const connector = fakeConnector();
  const service = await startTeamsService(db, { key });
  return { connector, service };
}

/** The current test file's Teams world, set by `useTeamsWorld` (or, the connector alone, `useFakeConnector`) before its first test. */
export let db: Db;
export let connector: FakeConnector;
export let service: TeamsService;

/** For the test file that calls it: the Bot Framework's keys published (with `key`), the outbound token served and the connector faked, before its first test; nock cleaned after its last. */
export function useFakeConnector(key: SigningKey): void {
  beforeAll(() => {
    serveOpenIdMetadata([key]);
    serveOutboundToken();
    connector = fakeConnector();
  });
  afterAll(() => nock.cleanAll());
}

/** For the test file that calls it: `startTeamsWorld` over the example tenants in a fresh database before its first test (`db`, `connector`, `service`), closed after its last. */
export function useTeamsWorld(key: SigningKey): void {
  beforeAll(async () => {
    db = await loadExamples();
    ({ connector, service } = await startTeamsWorld(db, key));
  });
  afterAll(async () => {
    await service.close();
    nock.cleanAll();
  });
}
