import { beforeEach, describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import {
  acmeTeam,
  channelMention,
  connector,
  createSigningKey,
  db,
  personalMessage,
  salesChannel,
  service,
  startTeamsService,
  teamsUsers,
  useTeamsWorld,
  type ConnectorCall,
} from './teams-harness.ts';

const key = createSigningKey();
useTeamsWorld(key);

beforeEach(() => {
  connector.respond = undefined;
  connector.roster = [];
  connector.rosters = {};
});

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
type Sent = { text?: string; summary?: string; attachments?: { contentType: string; content: { body: { text?: string; type: string }[]; actions?: { verb: string; title: string; data: Record<string, string> }[] } }[]; entities?: Record<string, unknown>[] };
const sent = (call: ConnectorCall) => call.body as Sent;
const cardText = (message: Sent) => JSON.stringify(message.attachments?.[0]?.content.body ?? []);

describe('questions in Teams', () => {
  it('answers a question in personal chat with the answer, Teams citations, sources and buttons', async () => {
    const since = connector.calls.length;
    expect((await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'))).status).toBe(200);
    const reply = sent(await connector.next(isPost, since));
    expect(reply.text).toMatch(/\[1\]/);
    const [entity] = reply.entities as { type: string; citation: { position: number; appearance: { name: string; abstract: string } }[]; additionalType?: string[] }[];
    expect(entity!.type).toBe('https://schema.org/Message');
    expect(entity!.citation[0]).toMatchObject({ position: 1, appearance: { name: expect.stringMatching(/Travel/) } });
    expect(entity!.additionalType).toBeUndefined();
    expect(cardText(reply)).toMatch(/Sources/);
    const actions = reply.attachments![0]!.content.actions!;
    expect(actions.map((action) => action.verb)).toEqual(['answer.feedback', 'answer.feedback', 'exception.open']);
    expect(actions[0]!.data).toMatchObject({ helpful: 'yes' });
  });

  it('labels an answer written by a model as AI-generated', async () => {
    const offline = createOfflineAnswerer();
    const model: Answerer = { ...offline, name: 'openai:test-model' };
    const other = await startTeamsService(db, { key, answerer: model });
    try {
      const since = connector.calls.length;
      await other.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'));
      const reply = sent(await connector.next(isPost, since));
      expect(reply.entities?.[0]).toMatchObject({ additionalType: ['AIGeneratedContent'] });
    } finally {
      await other.close();
    }
  });

  it('answers an @mention in a channel in its thread when every member of the channel may see the sources', async () => {
    connector.rosters[salesChannel] = [teamsUsers.ana, teamsUsers.tom, teamsUsers.dev];
    const since = connector.calls.length;
    const mention = channelMention(teamsUsers.ana, 'What is the hotel limit per night?');
    expect((await service.post(mention)).status).toBe(200);
    const reply = await connector.next(isPost, since);
    expect(reply.path).toContain(`${(mention.conversation as { id: string }).id}/activities`);
    expect(sent(reply).text).toMatch(/\[1\]/);
    expect(connector.calls.slice(since).filter((call) => call.method === 'GET' && call.path.endsWith('/pagedmembers')).map((call) => call.path)).toEqual([`/amer/v3/conversations/${salesChannel}/pagedmembers`]);
  });

  it('sends a channel answer to the asker’s personal chat when not every member may see a source, and says so in the channel', async () => {
    // Sam (compliance) may see the workplace investigations policy; Tom, in the same team, may not.
    connector.roster = [teamsUsers.sam, teamsUsers.tom];
    const since = connector.calls.length;
    const mention = channelMention(teamsUsers.sam, 'How soon must an investigation case be opened in LANTERN after a complaint?');
    await service.post(mention);
    const opened = await connector.next((call) => call.method === 'POST' && /\/v3\/conversations$/.test(call.path), since);
    expect(opened.body).toMatchObject({ isGroup: false, members: [{ id: teamsUsers.sam.id }] });
    const privately = await connector.next((call) => isPost(call) && call.path.includes('a:opened-'), since);
    expect(sent(privately).text).toMatch(/investigation/i);
    const note = await connector.next((call) => isPost(call) && call.path.includes('19:acme-sales'), since);
    expect(sent(note).text).toMatch(/personal chat/);
    expect(JSON.stringify(note.body)).not.toMatch(/investigation/i);
  });

  it('checks a channel answer against who can read the channel, not the team: a shared channel with someone outside the audience gets no restricted text', async () => {
    // The host team has Sam alone; the shared channel has Tom too, who may not read the workplace investigations policy.
    const sharedChannel = '19:acme-shared-cases@thread.tacv2';
    connector.rosters[acmeTeam] = [teamsUsers.sam];
    connector.rosters[sharedChannel] = [teamsUsers.sam, teamsUsers.tom];
    const since = connector.calls.length;
    const mention = channelMention(teamsUsers.sam, 'How soon must an investigation case be opened in LANTERN after a complaint?', sharedChannel);
    (mention.channelData as Record<string, unknown>).channel = { id: sharedChannel, membershipType: 'shared' };
    await service.post(mention);
    const privately = await connector.next((call) => isPost(call) && call.path.includes('a:opened-'), since);
    expect(sent(privately).text).toMatch(/investigation/i);
    const note = await connector.next((call) => isPost(call) && call.path.includes(sharedChannel), since);
    expect(sent(note).text).toMatch(/personal chat/);
    expect(connector.calls.slice(since).filter((call) => call.path.includes(sharedChannel)).map((call) => JSON.stringify(call.body ?? '')).join('')).not.toMatch(/investigation/i);
  });

  it('reads the channel’s roster for every answer, so someone added a moment ago is counted', async () => {
    connector.rosters[salesChannel] = [teamsUsers.sam];
    const question = 'How soon must an investigation case be opened in LANTERN after a complaint?';
    let since = connector.calls.length;
    await service.post(channelMention(teamsUsers.sam, question));
    expect(sent(await connector.next((call) => isPost(call) && call.path.includes(salesChannel), since)).text).toMatch(/investigation/i);

    // Tom joins the channel; the next answer citing the same policy is not for the channel.
    connector.rosters[salesChannel] = [teamsUsers.sam, teamsUsers.tom];
    since = connector.calls.length;
    await service.post(channelMention(teamsUsers.sam, question));
    const note = await connector.next((call) => isPost(call) && call.path.includes(salesChannel), since);
    expect(sent(note).text).toMatch(/personal chat/);
    expect(JSON.stringify(note.body)).not.toMatch(/investigation/i);
  });

  it('ignores channel messages that do not mention the bot', async () => {
    const since = connector.calls.length;
    const message = channelMention(teamsUsers.ana, 'What is the hotel limit per night?');
    message.entities = [];
    expect((await service.post(message)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connector.calls.slice(since)).toEqual([]);
  });

  it('refuses people the directory does not know, and organisations that are not connected', async () => {
    let since = connector.calls.length;
    await service.post(personalMessage(teamsUsers.stranger, 'What is the hotel limit per night?'));
    expect(sent(await connector.next(isPost, since)).text).toMatch(/couldn't find you/);

    since = connector.calls.length;
    const foreign = personalMessage(teamsUsers.ana, 'What is the hotel limit per night?', {
      conversation: { id: 'a:foreign', conversationType: 'personal', tenantId: '11111111-2222-4333-8444-555555555555' },
      channelData: { tenant: { id: '11111111-2222-4333-8444-555555555555' } },
    });
    await service.post(foreign);
    expect(sent(await connector.next(isPost, since)).text).toMatch(/isn't connected/);
  });

  it('answers a redelivered activity once', async () => {
    const message = personalMessage(teamsUsers.tom, 'How many vacation days do I get?');
    const since = connector.calls.length;
    const [first, second] = await Promise.all([service.post(message), service.post(message)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await connector.next(isPost, since);
    await service.post(message);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(connector.calls.slice(since).filter(isPost)).toHaveLength(1);
  });

  it('shows a placeholder for a slow answer and replaces it with the answer', async () => {
    const offline = createOfflineAnswerer();
    const slow: Answerer = { ...offline, name: 'openai:slow', answer: async (...args) => (await new Promise((resolve) => setTimeout(resolve, 120)), offline.answer(...args)) };
    const other = await startTeamsService(db, { key, answerer: slow, placeholderAfterMs: 20 });
    try {
      const since = connector.calls.length;
      await other.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'));
      const placeholder = await connector.next(isPost, since);
      expect(sent(placeholder).text).toMatch(/Looking that up/);
      const update = await connector.next((call) => call.method === 'PUT', since);
      expect(update.path).toMatch(/\/activities\/activity-\d+$/);
      expect(sent(update).text).toMatch(/\[1\]/);
    } finally {
      await other.close();
    }
  });

  it('retries a throttled reply after Retry-After and posts it once', async () => {
    let throttled = 0;
    connector.respond = (call) => (isPost(call) && throttled++ === 0 ? [429, { error: { code: 'Throttled' } }, { 'retry-after': '0' }] : undefined);
    const since = connector.calls.length;
    await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'));
    await connector.next(isPost, since + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connector.calls.slice(since).filter(isPost)).toHaveLength(2);
  });
});
