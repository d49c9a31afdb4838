import { beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import type { ChatDeps } from '../../../src/chat/chat-handlers.ts';
import type { Conversation } from '../../../src/chat/chat-event.ts';
import { enqueueNotice } from '../../../src/chat/enqueue-notice.ts';
import { routeEvent } from '../../../src/chat/route-event.ts';
import { decideException } from '../../../src/exceptions/decide-exception.ts';
import {
  acmeEntraTenant,
  acmeTeam,
  botAccount,
  connector,
  createSigningKey,
  db,
  personalMessage,
  reviewersChannel,
  service,
  serviceUrl,
  startTeamsService,
  teamsUsers,
  useTeamsWorld,
  type ConnectorCall,
} from './teams-harness.ts';

const key = createSigningKey();
useTeamsWorld(key);
const console: Conversation = { id: 'console:tom', shared: false };

beforeAll(async () => {
  // Someone in Acme talked to the bot once: Policy Desk knows Acme's service URL, and the reviewers' channel.
  await service.post({
    type: 'conversationUpdate', id: 'f:install', serviceUrl, channelId: 'msteams', from: teamsUsers.dev, recipient: botAccount,
    conversation: { id: reviewersChannel, conversationType: 'channel', tenantId: acmeEntraTenant, isGroup: true },
    membersAdded: [botAccount], channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: reviewersChannel } },
  });
});

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');

/** Opens a request the way any channel would (here, without Teams): through the chat core; `fields` beyond the justification (an amount) may add stages. */
async function openRequestElsewhere(fields: Record<string, string> = {}): Promise<number> {
  const deps: ChatDeps = { db, answerer: createOfflineAnswerer(), now: () => new Date() };
  const [answer] = await routeEvent(deps, { kind: 'message', tenant: 'acme', personId: 'tom', text: 'Can I fly business class on a long flight?', conversation: console });
  if (answer?.kind !== 'card') throw new Error('expected an answer');
  const open = answer.card.actions.find((action) => action.id === 'exception.open')!;
  const [sent] = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'tom', form: 'exception.intake', value: open.value, fields: { justification: 'Overnight flight into a workshop.', ...fields }, conversation: console });
  if (sent?.kind !== 'card') throw new Error('expected a notice');
  return Number(/#(\d+)/.exec(JSON.stringify(sent.card))![1]);
}

describe('the Teams notifier', () => {
  it('posts a request opened elsewhere to the reviewers’ channel, opens a personal chat to tell the requester, and tells nothing twice, even after a restart', async () => {
    const requestId = await openRequestElsewhere();
    // The reviewers' channel: people who may all read the travel policy.
    connector.roster = [teamsUsers.dev, teamsUsers.tom];
    const since = connector.calls.length;
    expect(await service.bot.notifier.runOnce()).toBeGreaterThan(0);
    const card = await connector.next((call) => isPost(call) && call.path.includes(reviewersChannel), since);
    expect(JSON.stringify(card.body)).toContain(`Exception request #${requestId}`);
    expect(JSON.stringify(card.body)).not.toContain('not shown here');
    // Tom never wrote to the bot: a personal chat is opened for him by his Entra object id.
    const opened = await connector.next((call) => call.method === 'POST' && /\/v3\/conversations$/.test(call.path), since);
    expect(opened.body).toMatchObject({ isGroup: false, members: [{ id: teamsUsers.tom.aadObjectId }], tenantId: acmeEntraTenant });
    await connector.next((call) => isPost(call) && call.path.includes('a:opened-') && /is with finance/.test(JSON.stringify(call.body)), since);

    const after = connector.calls.length;
    expect(await service.bot.notifier.runOnce()).toBe(0);
    const restarted = await startTeamsService(db, { key });
    try {
      expect(await restarted.bot.notifier.runOnce()).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(connector.calls.slice(after)).toEqual([]);
  });

  it('leaves the clause’s words off a card in a reviewers’ channel with someone the directory does not know', async () => {
    const requestId = await openRequestElsewhere();
    connector.roster = [teamsUsers.dev, { id: '29:1guest', name: 'A Guest', aadObjectId: '00000000-0000-4000-8000-000000000001' }];
    const since = connector.calls.length;
    await service.bot.notifier.runOnce();
    const card = await connector.next((call) => isPost(call) && call.path.includes(reviewersChannel) && JSON.stringify(call.body).includes(`#${requestId}`), since);
    expect(JSON.stringify(card.body)).toContain("The clause's words are not shown here");
    connector.roster = [];
  });

  it('delivers chat notices to a group’s channel, a person’s personal chat and a Teams conversation', async () => {
    const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });
    await service.post(personalMessage(teamsUsers.ana, 'hello'));
    await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.ana.id}`));
    const since = connector.calls.length;
    db.transaction(() => {
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Quarterly travel report is ready.'), key: 'n1', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { person: 'ana' }, card: card('Your policy acknowledgement is due.'), key: 'n2', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { conversation: `teams:a:personal-${teamsUsers.ana.id}` }, card: card('A note for this chat.'), key: 'n3', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0ACMEFIN' }, card: card('Not for Teams.'), key: 'n4', at: new Date() });
    })();
    expect(await service.bot.notifier.runOnce()).toBe(4);
    const posts = connector.calls.slice(since).filter(isPost);
    expect(posts.map((call) => [call.path.includes(reviewersChannel) ? 'finance' : call.path.includes('a:personal-29:1ana') ? 'ana' : call.path, JSON.stringify(call.body).match(/Quarterly|acknowledgement|A note/)?.[0]])).toEqual([
      ['finance', 'Quarterly'],
      ['ana', 'acknowledgement'],
      ['ana', 'A note'],
    ]);
  });

  it('shows a restricted notice whole only where the live roster (or the person) may read what it quotes, its withheld card elsewhere', async () => {
    const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });
    const restricted = (policyId: string, version: string) => ({ versions: [{ policyId, version }], withheld: card('Text withheld here.') });
    const travel = restricted('travel', '4.2');
    db.transaction(() => {
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Travel draft: full text.'), restricted: travel, key: 'r1', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { person: 'ana' }, card: card('Runbook draft: full text.'), restricted: restricted('incident-response', '1.2'), key: 'r2', at: new Date() });
    })();
    // Everyone in finance's channel is in the directory: they may read the internal travel policy.
    connector.roster = [teamsUsers.dev, teamsUsers.tom];
    let since = connector.calls.length;
    expect(await service.bot.notifier.runOnce()).toBe(2);
    const told = () => connector.calls.slice(since).filter(isPost).map((call) => JSON.stringify(call.body).match(/full text|withheld here/)?.[0]);
    // Ana (engineering) may not read the confidential runbook.
    expect(told()).toEqual(['full text', 'withheld here']);

    // A guest joins finance's channel: the next restricted notice there is withheld.
    connector.roster = [teamsUsers.dev, teamsUsers.stranger];
    db.transaction(() => void enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Travel draft v2: full text.'), restricted: travel, key: 'r3', at: new Date() }))();
    since = connector.calls.length;
    expect(await service.bot.notifier.runOnce()).toBe(1);
    expect(told()).toEqual(['withheld here']);
    connector.roster = [];
  });

  it('updates a group’s card kept up to date in place (same activity) rather than post it again', async () => {
    const card = (text: string) => ({ key: 'draft-review:99:1', body: [{ type: 'text' as const, text }], actions: [], summary: text });
    connector.roster = [teamsUsers.dev];
    const since = connector.calls.length;
    db.transaction(() => {
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Waiting for finance.'), inPlace: true, key: 'p1', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Approved by finance.'), inPlace: true, key: 'p2', at: new Date() });
    })();
    expect(await service.bot.notifier.runOnce()).toBe(2);
    const calls = connector.calls.slice(since).filter((call) => call.path.includes(reviewersChannel) && call.path.includes('/activities'));
    expect(calls.map((call) => [call.method, JSON.stringify(call.body).match(/Waiting|Approved/)?.[0]])).toEqual([
      ['POST', 'Waiting'],
      ['PUT', 'Approved'],
    ]);
    connector.roster = [];
  });

  it('stops at an event Teams cannot take now and tells it on the next run, in order', async () => {
    await openRequestElsewhere();
    let failing = true;
    connector.respond = (call) => (failing && isPost(call) && call.path.includes(reviewersChannel) ? [503, { error: { code: 'ServiceUnavailable' } }] : undefined);
    await expect(service.bot.notifier.runOnce()).rejects.toBeDefined();
    failing = false;
    const since = connector.calls.length;
    expect(await service.bot.notifier.runOnce()).toBeGreaterThan(0);
    await connector.next((call) => isPost(call) && call.path.includes(reviewersChannel), since);
    connector.respond = undefined;
  });

  it('skips a notice Teams refuses for good (the bot removed from the chat) and tells the next', async () => {
    const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });
    await service.post(personalMessage(teamsUsers.hiro, 'hello'));
    await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.hiro.id}`));
    connector.respond = (call) => (isPost(call) && call.path.includes(`a:personal-${teamsUsers.hiro.id}`) ? [403, { error: { code: 'BotNotInConversationRoster' } }] : undefined);
    db.transaction(() => {
      enqueueNotice(db, { tenant: 'acme', to: { conversation: `teams:a:personal-${teamsUsers.hiro.id}` }, card: card('Refused for good.'), key: 'refused-1', at: new Date() });
      enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Told after the refusal.'), key: 'after-refused-1', at: new Date() });
    })();
    const since = connector.calls.length;
    try {
      expect(await service.bot.notifier.runOnce()).toBe(2);
    } finally {
      connector.respond = undefined;
    }
    expect(connector.calls.slice(since).filter((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.hiro.id}`))).toHaveLength(1);
    const told = connector.calls.slice(since).filter((call) => isPost(call) && call.path.includes(reviewersChannel));
    expect(told.map((call) => JSON.stringify(call.body).match(/Told after the refusal/)?.[0])).toEqual(['Told after the refusal']);
    expect(await service.bot.notifier.runOnce()).toBe(0);
  });

  it('still tells the requester and posts the next stage’s card when Teams refuses to redraw a deleted card, and tells each once', async () => {
    // Over USD 5,000: finance, then legal.
    const requestId = await openRequestElsewhere({ amount: '6200', currency: 'usd' });
    connector.roster = [teamsUsers.dev];
    await service.bot.notifier.runOnce();
    const { activity_id: financeCard } = db.prepare('SELECT activity_id FROM teams_exception_cards WHERE request_id = ? AND stage = 0').get(requestId) as { activity_id: string };
    // Someone deleted the card in the finance channel: Teams answers 404 to every update of it.
    connector.respond = (call) => (call.method === 'PUT' && call.path.endsWith(`/activities/${financeCard}`) ? [404, { error: { code: 'NotFound', message: 'message not found' } }] : undefined);
    const isAboutRequest = (call: ConnectorCall) => JSON.stringify(call.body).includes(`#${requestId}`);
    try {
      let since = connector.calls.length;
      decideException({ db }, { tenant: 'acme', requestId, actor: 'dev', decision: { action: 'approve' } });
      expect(await service.bot.notifier.runOnce()).toBe(1);
      const legalCard = await connector.next((call) => isPost(call) && call.path.includes('19:acme-legal@thread.tacv2') && isAboutRequest(call), since);
      expect(JSON.stringify(legalCard.body)).toContain('exception.approve');
      await connector.next((call) => isPost(call) && /was approved by Dev Patel and is now with the next reviewers/.test(JSON.stringify(call.body)) && isAboutRequest(call), since);

      since = connector.calls.length;
      decideException({ db }, { tenant: 'acme', requestId, actor: 'maya', decision: { action: 'approve' } });
      expect(await service.bot.notifier.runOnce()).toBe(1);
      await connector.next((call) => isPost(call) && /✅ Your exception request #\d+ was approved by Maya Cohen/.test(JSON.stringify(call.body)) && isAboutRequest(call), since);
      const calls = connector.calls.slice(since);
      // Each card was redrawn once: the refused one skipped alone.
      expect(calls.filter((call) => call.method === 'PUT').map((call) => call.path.endsWith(`/activities/${financeCard}`))).toEqual([true, false]);
      expect(calls.filter(isPost)).toHaveLength(1);
      expect(await service.bot.notifier.runOnce()).toBe(0);
    } finally {
      connector.respond = undefined;
    }
  });

  it('still tells the requester their request is with the reviewers when the reviewers’ channel refuses its card', async () => {
    connector.respond = (call) => (isPost(call) && call.path.includes(reviewersChannel) ? [403, { error: { code: 'BotNotInConversationRoster', message: 'the bot is not part of the conversation roster' } }] : undefined);
    try {
      const requestId = await openRequestElsewhere();
      const since = connector.calls.length;
      expect(await service.bot.notifier.runOnce()).toBe(1);
      const told = connector.calls.slice(since).filter((call) => isPost(call) && !call.path.includes(reviewersChannel));
      expect(told.map((call) => (call.body as { text?: string }).text)).toEqual([expect.stringMatching(new RegExp(`request #${requestId} .* is with finance`))]);
      expect(db.prepare('SELECT count(*) AS n FROM teams_exception_cards WHERE request_id = ?').get(requestId)).toEqual({ n: 0 });
    } finally {
      connector.respond = undefined;
    }
  });
});
