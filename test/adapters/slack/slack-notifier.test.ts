import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../../adapters/slack/create-slack-app.ts';
import { createSlackNotifier } from '../../../adapters/slack/create-slack-notifier.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { enqueueNotice } from '../../../src/chat/enqueue-notice.ts';
import { enqueueOutboxMessage } from '../../../src/outbox/enqueue-outbox-message.ts';
import { decideException } from '../../../src/exceptions/decide-exception.ts';
import { answerInfoRequest } from '../../../src/exceptions/respond-to-request.ts';
import { requestException } from '../../../src/exceptions/request-exception.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import { loadExamples } from '../../support/examples.ts';
import { expectApiCall, failingPostMessage, mockAuthTest } from './slack-harness.ts';

afterEach(() => nock.cleanAll());

const clientFor = () => new WebClient('xoxb-test-token', { retryConfig: { retries: 0 } });
/** A reviewers' channel whose members may all read the clause's policy. */
const everyMemberMay = async () => true;

/** Ana's request for an exception to the travel policy's airfare rule, opened outside Slack, and notifiers for it. */
async function requestOpenedElsewhere() {
  const db = await loadExamples();
  const section = db
    .prepare("SELECT s.version_id AS versionId, s.id AS sectionId FROM sections s JOIN policy_versions v ON v.id = s.version_id WHERE v.policy_id = 'travel' AND v.status = 'current' AND s.heading = '2. Airfare'")
    .get() as { versionId: number; sectionId: number };
  const request = requestException({ db }, { tenant: 'acme', requester: 'ana', ...section, justification: 'Overnight flight to the Tokyo launch.', amount: 800 });
  const notifier = () => createSlackNotifier({ db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'], clauseAudience: everyMemberMay, channelAudience: everyMemberMay });
  return { db, request, notifier };
}

describe('the Slack notifier', () => {
  it('posts cards for requests opened elsewhere, resumes after a failure or a restart, and tells nothing twice', async () => {
    // Opened from the command line: Slack only hears of it through the outbox.
    const { db, request, notifier } = await requestOpenedElsewhere();

    // Slack fails while the card is posted: nothing is recorded as told.
    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, channel: 'D0ANA', ts: '1763900600.000100' });
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'upstream error');
    await expect(notifier().runOnce()).rejects.toThrow();

    // A new process (a restart) resumes: the requester thread is not opened twice; the card, which Slack had not
    // taken, is looked for in the reviewers' channel first, then posted once.
    const looked = nock('https://slack.com').post('/api/conversations.history', (body) => body.channel === 'C0ACMEFIN').reply(200, { ok: true, messages: [], has_more: false });
    const card = expectApiCall('chat.postMessage', { channel: 'C0ACMEFIN', ts: '1763900600.000200' });
    const restarted = notifier();
    expect(await restarted.runOnce()).toBe(1);
    expect((await card).channel).toBe('C0ACMEFIN');
    expect(looked.isDone()).toBe(true);
    expect(await restarted.runOnce()).toBe(0);

    decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } });
    const updated = expectApiCall('chat.update');
    const told = expectApiCall('chat.postMessage');
    expect(await restarted.runOnce()).toBe(1);
    expect((await updated).ts).toBe('1763900600.000200');
    expect((await told).text).toContain('was approved by Dev Patel');
    db.close();
  });

  it('leaves the clause’s words off a card in a reviewers’ channel where not everyone may read its policy, on every redraw', async () => {
    const { db, request } = await requestOpenedElsewhere();
    const asked: string[] = [];
    const notifier = createSlackNotifier({
      db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'],
      clauseAudience: async (_request, channel) => (asked.push(channel), false),
      channelAudience: everyMemberMay,
    });
    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    nock('https://slack.com').post('/api/chat.postMessage', (body) => body.channel === 'D0ANA').reply(200, { ok: true, channel: 'D0ANA', ts: '1763900800.000100' });
    const card = expectApiCall('chat.postMessage', { channel: 'C0ACMEFIN', ts: '1763900800.000200' }, (body) => body.channel === 'C0ACMEFIN');
    expect(await notifier.runOnce()).toBe(1);
    const posted = await card;
    const clauseWords = request.clause.quote.slice(0, 40);
    expect(posted.blocks).not.toContain(clauseWords);
    expect(posted.blocks).toContain('could not confirm that everyone in this channel may read the Travel policy');

    decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } });
    const updated = expectApiCall('chat.update');
    expectApiCall('chat.postMessage');
    expect(await notifier.runOnce()).toBe(1);
    expect((await updated).blocks).not.toContain(clauseWords);
    expect(asked).toEqual(['C0ACMEFIN', 'C0ACMEFIN']);
    db.close();
  });

  it('never posts an approval card twice when Slack took it but its reply was lost: the retry finds it by its metadata', async () => {
    const { db, request, notifier } = await requestOpenedElsewhere();

    // The thread opens; Slack takes the card, and then its reply is lost.
    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, channel: 'D0ANA', ts: '1763900700.000100' });
    let marker: unknown;
    nock('https://slack.com')
      .post('/api/chat.postMessage', (body: Record<string, string>) => ((marker = JSON.parse(body.metadata ?? '{}')), true))
      .reply(502, 'bad gateway');
    await expect(notifier().runOnce()).rejects.toThrow();
    expect(marker).toMatchObject({ event_type: 'policy_desk_notice' });

    // The retry finds the card in the reviewers' channel, records it, and posts nothing.
    nock('https://slack.com')
      .post('/api/conversations.history', (body: Record<string, string>) => body.channel === 'C0ACMEFIN')
      .reply(200, { ok: true, messages: [{ type: 'message', bot_id: 'B0BOT', text: 'Exception request', ts: '1763900700.000200', metadata: marker }], has_more: false });
    const again = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, ts: '1763900700.000300' });
    expect(await notifier().runOnce()).toBe(1);
    expect(again.isDone()).toBe(false);
    nock.cleanAll();

    // The card found is the one redrawn when the request is decided.
    decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } });
    const updated = expectApiCall('chat.update');
    expectApiCall('chat.postMessage');
    expect(await notifier().runOnce()).toBe(1);
    expect((await updated).ts).toBe('1763900700.000200');
    db.close();
  });

  it('still tells the requester of a decision when Slack refuses to redraw its deleted card', async () => {
    const { db, request, notifier } = await requestOpenedElsewhere();
    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    expectApiCall('chat.postMessage', { channel: 'D0ANA', ts: '1763900900.000100' }, (body) => body.channel === 'D0ANA');
    expectApiCall('chat.postMessage', { channel: 'C0ACMEFIN', ts: '1763900900.000200' }, (body) => body.channel === 'C0ACMEFIN');
    expect(await notifier().runOnce()).toBe(1);

    // Someone deleted the card: Slack will not update it, and says so.
    decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } });
    const refused = nock('https://slack.com').post('/api/chat.update').reply(200, { ok: false, error: 'message_not_found' });
    const told = expectApiCall('chat.postMessage', { ts: '1763900900.000300' }, (body) => body.channel === 'D0ANA');
    expect(await notifier().runOnce()).toBe(1);
    expect(refused.isDone()).toBe(true);
    expect(await told).toMatchObject({ thread_ts: '1763900900.000100', text: expect.stringContaining('was approved by Dev Patel') });
    expect(nock.pendingMocks()).toEqual([]);
    db.close();
  });

  it('as the Slack app wires it, makes one attempt per call, so a retry goes through the look for an earlier post', async () => {
    const db = await loadExamples();
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0COMMS' }, card: { body: [{ type: 'text', text: 'Draft ready' }], actions: [], summary: 'Draft ready' }, key: 'draft:wired', at: new Date('2026-03-02T10:00:00Z') });
    mockAuthTest();
    const { notifier } = createSlackApp({ signingSecret: 'secret', botToken: 'xoxb-test-token', teams: { T0ACME: 'acme' } }, { db, answerer: createOfflineAnswerer(), logger: createLogger('silent') });
    const attempts = failingPostMessage();
    await expect(notifier.runOnce()).rejects.toThrow();
    // WebClient's default would try again within a second, posting blind.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts()).toBe(1);
    db.close();
  });

  it('delivers chat notices to a group channel, a person and a Slack conversation, and leaves other platforms alone', async () => {
    const db = await loadExamples();
    const card = (text: string) => ({ body: [{ type: 'text' as const, text: `**${text}**` }], actions: [{ id: 'ack.record', label: 'Acknowledge', value: { version: '4.2' } }], summary: text });
    const at = new Date('2026-03-02T10:00:00Z');
    enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Travel policy is due for review'), key: 'fresh:finance', at });
    enqueueNotice(db, { tenant: 'acme', to: { person: 'ana' }, card: card('Please acknowledge'), key: 'ack:ana', at });
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0COMMS:1763900000.000100' }, card: card('Draft ready'), key: 'draft:1', at });
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'teams:19:abc@thread.tacv2' }, card: card('For Teams'), key: 'teams:1', at });
    const group = expectApiCall('chat.postMessage', { ts: '1' }, (body) => body.channel === 'C0ACMEFIN');
    nock('https://slack.com').post('/api/conversations.open', (body: Record<string, string>) => body.users === 'U0ACMEANA').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    const person = expectApiCall('chat.postMessage', { ts: '2' }, (body) => body.channel === 'D0ANA');
    const thread = expectApiCall('chat.postMessage', { ts: '3' }, (body) => body.channel === 'C0COMMS');
    const notifier = createSlackNotifier({ db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'], clauseAudience: everyMemberMay, channelAudience: everyMemberMay });
    expect(await notifier.runOnce()).toBe(4);
    expect((await group).blocks).toContain('*Travel policy is due for review*');
    expect((await person).blocks).toContain('ack.record#0');
    expect(await thread).toMatchObject({ thread_ts: '1763900000.000100' });
    expect(nock.pendingMocks()).toEqual([]);
    expect(await notifier.runOnce()).toBe(0);
    db.close();
  });

  it('skips a notice Slack refuses for its target and tells the next; holds every notice while its token is refused', async () => {
    const db = await loadExamples();
    const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });
    const at = new Date('2026-03-02T10:00:00Z');
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0ARCHIVED' }, card: card('To an archived channel'), key: 'archived:1', at });
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0COMMS' }, card: card('Draft ready'), key: 'draft:2', at });
    const notifier = createSlackNotifier({ db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'], clauseAudience: everyMemberMay, channelAudience: everyMemberMay });

    // The token is refused: nothing is told or skipped, so nothing is lost while an admin fixes it.
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(notifier.runOnce()).rejects.toThrow(/invalid_auth/);

    // The archived channel will not change its mind: skipped, and the next notice is told.
    // (Told before, the first notice is looked for in its channel first: Slack might have posted it.)
    nock('https://slack.com').post('/api/conversations.history', (body: Record<string, string>) => body.channel === 'C0ARCHIVED').reply(200, { ok: true, messages: [], has_more: false });
    nock('https://slack.com').post('/api/chat.postMessage', (body: Record<string, string>) => body.channel === 'C0ARCHIVED').reply(200, { ok: false, error: 'is_archived' });
    const next = expectApiCall('chat.postMessage', { ts: '4' }, (body) => body.channel === 'C0COMMS');
    expect(await notifier.runOnce()).toBe(2);
    expect((await next).text).toBe('Draft ready');
    expect(nock.pendingMocks()).toEqual([]);
    expect(await notifier.runOnce()).toBe(0);
    db.close();
  });

  it('skips a notice it cannot read (a malformed event, a request gone) and tells the ones after it', async () => {
    const db = await loadExamples();
    const at = new Date('2026-03-02T10:00:00Z');
    enqueueOutboxMessage(db, { tenant: 'acme', topic: 'exception.decided', payload: { actor: 'dev' }, idempotencyKey: 'bad:1', at });
    enqueueOutboxMessage(db, { tenant: 'acme', topic: 'exception.decided', payload: { id: 99_999, actor: 'dev' }, idempotencyKey: 'gone:1', at });
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'slack:C0COMMS' }, card: { body: [{ type: 'text', text: 'Draft ready' }], actions: [], summary: 'Draft ready' }, key: 'draft:3', at });
    const errors: string[] = [];
    const logger = { ...createLogger('silent'), error: (message: string) => void errors.push(message) };
    const told = expectApiCall('chat.postMessage', { ts: '5' }, (body) => body.channel === 'C0COMMS');
    const notifier = createSlackNotifier({ db, client: clientFor(), logger, tenants: ['acme'], clauseAudience: everyMemberMay, channelAudience: everyMemberMay });
    expect(await notifier.runOnce()).toBe(3);
    expect((await told).text).toBe('Draft ready');
    expect(errors).toEqual(['slack notifier could not read a notice; skipped', 'slack notifier could not read a notice; skipped']);
    expect(await notifier.runOnce()).toBe(0);
    db.close();
  });

  it('asks the requester in their thread what the reviewers want to know, with an Answer button and the /policy way to answer', async () => {
    const { db, request } = await requestOpenedElsewhere();
    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    expectApiCall('chat.postMessage', { channel: 'D0ANA', ts: '1763900700.000100' }, (body) => body.channel === 'D0ANA');
    expectApiCall('chat.postMessage', { channel: 'C0ACMEFIN', ts: '1763900700.000200' }, (body) => body.channel === 'C0ACMEFIN');
    const notifier = createSlackNotifier({ db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'], clauseAudience: everyMemberMay, channelAudience: everyMemberMay });
    expect(await notifier.runOnce()).toBe(1);

    decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'ask_info', question: 'Which flight number, and does it arrive before 9am?' } });
    nock('https://slack.com').post('/api/chat.update').reply(200, { ok: true });
    const asked = expectApiCall('chat.postMessage', { ts: '1763900700.000300' }, (body) => body.channel === 'D0ANA');
    expect(await notifier.runOnce()).toBe(1);
    const message = await asked;
    expect(message.thread_ts).toBe('1763900700.000100');
    expect(message.blocks).toContain('Dev Patel needs more information about your exception request');
    expect(message.blocks).toContain('Which flight number, and does it arrive before 9am?');
    expect(message.blocks).toContain(`/policy answer ${request.id} your answer`);
    expect(message.blocks).toContain('exception.answer');

    // The requester's answer goes under the card in the reviewers' channel, escaped: typed mention syntax notifies nobody.
    answerInfoRequest({ db }, { tenant: 'acme', requestId: request.id, requester: 'ana', answer: 'LH 716, lands 7:40 <!channel>' });
    nock('https://slack.com').post('/api/chat.update').reply(200, { ok: true });
    const answered = expectApiCall('chat.postMessage', { ts: '1763900700.000400' }, (body) => body.channel === 'C0ACMEFIN');
    expect(await notifier.runOnce()).toBe(1);
    expect(await answered).toMatchObject({ thread_ts: '1763900700.000200', text: 'The requester answered: LH 716, lands 7:40 &lt;!channel&gt;' });
    db.close();
  });
});
