import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorRetryPolicy, conversationOf } from '../../../adapters/teams/connector-retry-policy.ts';
import { createConversationPacer } from '../../../adapters/teams/conversation-pacer.ts';
import { TeamsAuthentication } from '../../../adapters/teams/create-teams-authentication.ts';
import { serveOutboundToken, serviceUrl, teamsSettings } from './teams-harness.ts';

afterEach(() => nock.cleanAll());

/** A real ConnectorClient, as botbuilder makes them, with our policy installed in its pipeline. */
async function connectorClient(options: Parameters<typeof connectorRetryPolicy>[0]) {
  serveOutboundToken();
  const auth = new TeamsAuthentication(teamsSettings(), connectorRetryPolicy(options));
  // The claims botbuilder makes for the bot's own outbound calls.
  const claimList = [{ type: 'aud', value: teamsSettings().appId }, { type: 'appid', value: teamsSettings().appId }];
  const claims = { claims: claimList, isAuthenticated: true, getClaimValue: (type: string) => claimList.find((claim) => claim.type === type)?.value ?? null } as never;
  return auth.createConnectorFactory(claims).create(serviceUrl, 'https://api.botframework.com');
}

const message = { type: 'message', text: 'hello' } as never;

describe('the connector retry policy', () => {
  it.each([429, 412, 502, 504])('retries a %i with backoff and posts once it goes through', async (status) => {
    const waits: number[] = [];
    const client = await connectorClient({ sleep: async (ms) => void waits.push(ms), random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000 });
    const scope = nock('https://smba.trafficmanager.net').post('/amer/v3/conversations/a%3A1/activities').times(2).reply(status, {}).post('/amer/v3/conversations/a%3A1/activities').reply(201, { id: 'posted' });
    expect((await client.conversations.sendToConversation('a:1', message)).id).toBe('posted');
    // Full jitter: half of base × 2^(attempt-1), from the injected random; the Azure default retry is gone (it would add its own waits).
    expect(waits).toEqual([50, 100]);
    expect(scope.isDone()).toBe(true);
  });

  it('waits at least as long as Retry-After, and gives up after its budget', async () => {
    const waits: number[] = [];
    const client = await connectorClient({ sleep: async (ms) => void waits.push(ms), random: () => 0, maxRetries: 2 });
    nock('https://smba.trafficmanager.net').post('/amer/v3/conversations/a%3A1/activities').times(3).reply(429, {}, { 'retry-after': '2' });
    await expect(client.conversations.sendToConversation('a:1', message)).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toEqual([2000, 2000]);
  });

  it('does not retry other failures, nor wait for a Retry-After longer than it allows', async () => {
    const waits: number[] = [];
    const client = await connectorClient({ sleep: async (ms) => void waits.push(ms), maxRetryAfterMs: 10_000 });
    nock('https://smba.trafficmanager.net').post('/amer/v3/conversations/a%3A1/activities').reply(403, { error: { code: 'BotNotInConversationRoster' } });
    await expect(client.conversations.sendToConversation('a:1', message)).rejects.toMatchObject({ statusCode: 403 });
    nock('https://smba.trafficmanager.net').post('/amer/v3/conversations/a%3A1/activities').reply(429, {}, { 'retry-after': '60' });
    await expect(client.conversations.sendToConversation('a:1', message)).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toEqual([]);
  });

  it('reads the conversation a call is for', () => {
    expect(conversationOf('https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities/2')).toBe('19:abc@thread.tacv2;messageid=1');
    expect(conversationOf('https://smba.trafficmanager.net/amer/v3/conversations')).toBeUndefined();
  });
});

describe('the per-conversation pacer', () => {
  it('holds the eighth send to a conversation within a second, and never holds another conversation', async () => {
    let clock = 0;
    const waits: number[] = [];
    const pacer = createConversationPacer({ now: () => clock, sleep: async (ms) => void (waits.push(ms), (clock += ms)) });
    for (let i = 0; i < 7; i++) await pacer.wait('a');
    expect(waits).toEqual([]);
    await pacer.wait('b');
    expect(waits).toEqual([]);
    await pacer.wait('a');
    expect(waits).toEqual([1000]);
    // 8 in 2 seconds: the ninth waits for the window to move again.
    await pacer.wait('a');
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(2000);
  });
});
