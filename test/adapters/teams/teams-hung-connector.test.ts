import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorTimeout } from '../../../adapters/teams/teams-errors.ts';
import { enqueueNotice } from '../../../src/chat/enqueue-notice.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import {
  acmeEntraTenant,
  acmeTeam,
  botAccount,
  channelConversation,
  channelMention,
  connector,
  createSigningKey,
  personalMessage,
  reviewersChannel,
  salesChannel,
  serviceUrl,
  startTeamsService,
  teamsUsers,
  useFakeConnector,
  type ConnectorCall,
  type TeamsService,
} from './teams-harness.ts';

const key = createSigningKey();
useFakeConnector(key);

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });

describe('a Bot Connector call that never answers', () => {
  let db: Db;
  let service: TeamsService;

  beforeAll(async () => {
    db = await loadExamples();
    // Deadlines short enough for a test; the service's own are 5 s for reads and 15 s for the rest.
    service = await startTeamsService(db, { key, retry: { readTimeoutMs: 200, writeTimeoutMs: 300 } });
    await service.post({
      type: 'conversationUpdate', id: 'f:install', serviceUrl, channelId: 'msteams', from: teamsUsers.dev, recipient: botAccount,
      conversation: channelConversation(reviewersChannel), membersAdded: [botAccount],
      channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: reviewersChannel } },
    });
    const since = connector.calls.length;
    await service.post(personalMessage(teamsUsers.ana, 'hello'));
    await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.ana.id}`), since);
  });
  afterAll(async () => {
    connector.respond = undefined;
    await service.close();
    db.close();
  });

  it('holds back the notices after it only until its deadline; the next run tells them, in order', async () => {
    let hung = 0;
    connector.respond = (call) => (isPost(call) && call.path.includes(reviewersChannel) && hung++ === 0 ? 'hang' : undefined);
    db.transaction(() => {
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Posted into a hung connection.'), key: 'hung-1', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { person: 'ana' }, card: card('Told after the hang.'), key: 'after-hung-1', at: new Date() });
    })();
    const since = connector.calls.length;
    const started = Date.now();
    // A post's outcome is unknown when it timed out: not retried blind by the policy, the run stops there.
    await expect(service.bot.notifier.runOnce()).rejects.toBeInstanceOf(ConnectorTimeout);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await service.bot.notifier.runOnce()).toBe(2);
    const posts = connector.calls.slice(since).filter(isPost).map((call) => JSON.stringify(call.body).match(/Posted into a hung connection|Told after the hang/)?.[0]);
    expect(posts).toEqual(['Posted into a hung connection', 'Posted into a hung connection', 'Told after the hang']);
  });

  it('retries a roster read that timed out, so a channel answer is not held by it', async () => {
    connector.roster = [teamsUsers.ana, teamsUsers.dev];
    let hung = 0;
    connector.respond = (call) => (call.method === 'GET' && call.path.includes('/pagedmembers') && hung++ === 0 ? 'hang' : undefined);
    const since = connector.calls.length;
    const mention = channelMention(teamsUsers.ana, 'What is the hotel limit per night?');
    expect((await service.post(mention)).status).toBe(200);
    const answer = await connector.next((call) => isPost(call) && call.path.includes(`${salesChannel};messageid=`) && /\[1\]/.test(JSON.stringify(call.body)), since, 3000);
    expect(answer).toBeDefined();
    expect(connector.calls.slice(since).filter((call) => call.method === 'GET' && call.path.includes('/pagedmembers'))).toHaveLength(2);
  });
});
