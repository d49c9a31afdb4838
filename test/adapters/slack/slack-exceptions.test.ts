import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { buttonClick, expectApiCall, mockAuthTest, startSlackService, submission } from './slack-harness.ts';

const form = { contentType: 'application/x-www-form-urlencoded' };

describe('exception requests in Slack', () => {
  let db: Db;
  let service: Awaited<ReturnType<typeof startSlackService>>;

  beforeAll(async () => {
    db = await loadExamples();
    service = await startSlackService(db);
  });
  afterAll(async () => {
    await service.close();
    db.close();
  });
  afterEach(() => nock.cleanAll());

  /** The finance reviewers' channel: its reviewer and the bot, who may all read the travel policy. */
  const mockFinanceChannel = () =>
    nock('https://slack.com').persist().post('/api/conversations.members', (body) => body.channel === 'C0ACMEFIN').reply(200, { ok: true, members: ['U0ACMEDEV', 'U0BOT'], response_metadata: { next_cursor: '' } });

  /**
   * The click's own redraw of the message it was pressed on (the harness's
   * message ts); the notifier redraws the posted card too, in either order.
   */
  const redrawsOfClickedMessage = () =>
    nock('https://slack.com').persist().post('/api/chat.update', (body) => body.ts === '1763900001.000100').reply(200, { ok: true, ts: '1763900001.000100' });

  async function openRequest(amount: string): Promise<number> {
    mockAuthTest();
    mockFinanceChannel();
    const opened = expectApiCall('views.open', { view: { id: 'V0INTAKE' } });
    const clause = JSON.stringify({ policyId: 'travel', version: '4.2', section: '2. Airfare' });
    expect((await service.post(buttonClick('U0ACMEANA', 'exception.open#2', clause, 'D0ANA'), form)).status).toBe(200);
    const view = JSON.parse((await opened).view!) as { callback_id: string; private_metadata: string; blocks: { type: string; text?: { text: string } }[] };
    expect(view.callback_id).toBe('exception.intake');
    expect(view.blocks[0]?.text?.text).toContain('Travel policy');

    nock('https://slack.com').post('/api/conversations.open').reply(200, { ok: true, channel: { id: 'D0ANA' } });
    // One confirmation in the DM, the requester's thread; the form's own reply would say the same.
    const thread = expectApiCall('chat.postMessage', { channel: 'D0ANA', ts: '1763900300.000100' }, (body) => body.text?.includes('is with finance') ?? false);
    const card = expectApiCall('chat.postMessage', { channel: 'C0ACMEFIN', ts: '1763900300.000200' }, (body) => body.channel === 'C0ACMEFIN');
    const response = await service.post(
      submission('U0ACMEANA', 'exception.intake', view.private_metadata, {
        justification: { type: 'plain_text_input', value: 'Overnight flight to the customer launch; I present on arrival.' },
        amount: { type: 'number_input', value: amount },
        currency: { type: 'plain_text_input', value: 'usd' },
        starts_on: { type: 'datepicker', selected_date: '2026-12-01' },
        ends_on: { type: 'datepicker', selected_date: '2026-12-08' },
        evidence: { type: 'plain_text_input', value: 'https://tickets.example.com/TRIP-9' },
      }),
      form,
    );
    expect(response.status).toBe(200);
    expect((await thread).text).toContain("is with finance. I'll let you know when they decide.");
    const posted = await card;
    expect(posted.channel).toBe('C0ACMEFIN');
    // Everyone in the finance channel may read the travel policy: the clause is quoted.
    expect(posted.blocks).not.toContain('not shown here');
    const blocks = JSON.parse(posted.blocks!) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
    const actions = blocks.find((block) => block.type === 'actions')!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual(['exception.approve#0', 'exception.deny#1', 'exception.ask-info#2']);
    return Number((JSON.parse(actions.elements![0]!.value!) as { requestId: string }).requestId);
  }

  it('opens a request from an answer, starts the requester thread and posts the approval card; the reviewer approves', async () => {
    const id = await openRequest('800');

    mockAuthTest();
    const refused = expectApiCall('chat.postEphemeral');
    await service.post(buttonClick('U0ACMEANA', 'exception.approve#0', JSON.stringify({ requestId: String(id) })), form);
    expect((await refused).text).toContain('cannot decide your own');

    mockAuthTest();
    const updated = expectApiCall('chat.update', { ok: true }, (body) => body.ts === '1763900300.000200');
    redrawsOfClickedMessage();
    const told = expectApiCall('chat.postMessage');
    await service.post(buttonClick('U0ACMEDEV', 'exception.approve#0', JSON.stringify({ requestId: String(id) })), form);
    const card = await updated;
    expect(card).toMatchObject({ channel: 'C0ACMEFIN', ts: '1763900300.000200' });
    expect(card.blocks).toContain('Approved by Dev Patel');
    expect(card.blocks).not.toContain('exception.approve');
    expect(await told).toMatchObject({ channel: 'D0ANA', thread_ts: '1763900300.000100' });

    mockAuthTest();
    const late = expectApiCall('chat.postEphemeral');
    await service.post(buttonClick('U0ACMEDEV', 'exception.approve#0', JSON.stringify({ requestId: String(id) })), form);
    expect((await late).text).toMatch(/already approved by Dev Patel at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided' AND subject = ?").get(`exception:${id}`)).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND subject = ?").get(`exception:${id}`)).toEqual({ n: 1 });
  });

  it('asks for a reason before a denial, and shows the outcome on the card', async () => {
    const id = await openRequest('900');
    mockAuthTest();
    const modal = expectApiCall('views.open');
    await service.post(buttonClick('U0ACMEDEV', 'exception.deny#1', JSON.stringify({ requestId: String(id) })), form);
    const view = JSON.parse((await modal).view!) as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('exception.deny');

    const updated = expectApiCall('chat.update', { ok: true }, (body) => body.ts === '1763900300.000200');
    redrawsOfClickedMessage();
    const told = expectApiCall('chat.postMessage');
    await service.post(submission('U0ACMEDEV', 'exception.deny', view.private_metadata, { reason: { type: 'plain_text_input', value: 'Premium economy covers this route.' } }), form);
    const card = await updated;
    expect(card.blocks).toContain('Denied by Dev Patel');
    expect(card.blocks).toContain('Premium economy covers this route.');
    expect((await told).text).toContain('was denied by Dev');
  });

  it('explains to someone outside the stage group that they cannot decide, without opening a form', async () => {
    const id = await openRequest('700');
    mockAuthTest();
    const opened = nock('https://slack.com').post('/api/views.open').reply(200, { ok: true });
    const refused = expectApiCall('chat.postEphemeral');
    await service.post(buttonClick('U0ACMEIVAN', 'exception.deny#1', JSON.stringify({ requestId: String(id) })), form);
    expect((await refused).text).toContain('Only members of finance');
    expect(opened.isDone()).toBe(false);
  });

  /** A click as Slack sends it for a user of another organisation in a shared channel: their own team on the user. */
  function clickFromTeam(team: string, slackUser: string, actionId: string, value: string): string {
    const payload = JSON.parse(new URLSearchParams(buttonClick(slackUser, actionId, value)).get('payload')!) as { user: { team_id: string } };
    payload.user.team_id = team;
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  it('refuses a click from another organisation, even by someone whose Slack profile shows a reviewer’s email', async () => {
    const id = await openRequest('650');
    mockAuthTest();
    const updated = nock('https://slack.com').post('/api/chat.update').reply(200, { ok: true });
    // The payload says where they are from ...
    const refusedByPayload = expectApiCall('chat.postEphemeral');
    await service.post(clickFromTeam('T0OTHER', 'U0EXTDEV', 'exception.approve#0', JSON.stringify({ requestId: String(id) })), form);
    expect((await refusedByPayload).text).toContain('Slack Connect');
    // ... and so does their Slack profile, when the payload does not.
    nock('https://slack.com').post('/api/users.info').reply(200, { ok: true, user: { id: 'U0EXTDEV2', team_id: 'T0OTHER', profile: { email: 'dev.patel@acme.example' } } });
    const refusedByProfile = expectApiCall('chat.postEphemeral');
    await service.post(buttonClick('U0EXTDEV2', 'exception.approve#0', JSON.stringify({ requestId: String(id) })), form);
    expect((await refusedByProfile).text).toContain('Slack Connect');
    expect(updated.isDone()).toBe(false);
    expect(db.prepare('SELECT status FROM exception_requests WHERE id = ?').get(id)).toEqual({ status: 'pending' });
  });

  it('tells the person when Slack will not open a form, rather than leaving a button that did nothing', async () => {
    mockAuthTest();
    nock('https://slack.com').post('/api/views.open').reply(200, { ok: false, error: 'expired_trigger_id' });
    const told = expectApiCall('chat.postMessage');
    const clause = JSON.stringify({ policyId: 'travel', version: '4.2', section: '2. Airfare' });
    await service.post(buttonClick('U0ACMEANA', 'exception.open#2', clause, 'D0ANA'), form);
    const message = await told;
    expect(message.channel).toBe('D0ANA');
    expect(message.text).toContain("Slack didn't open the form");
  });

  it('says what it has to say to the clicker in the thread of the message they clicked', async () => {
    mockAuthTest();
    nock('https://slack.com').post('/api/views.open').reply(200, { ok: false, error: 'expired_trigger_id' });
    const told = expectApiCall('chat.postEphemeral');
    const clause = JSON.stringify({ policyId: 'travel', version: '4.2', section: '2. Airfare' });
    const payload = JSON.parse(new URLSearchParams(buttonClick('U0ACMETOM', 'exception.open#2', clause, 'C0GENERAL')).get('payload')!) as { message: Record<string, string> };
    payload.message.thread_ts = '1763900000.000400';
    await service.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form);
    expect(await told).toMatchObject({ channel: 'C0GENERAL', user: 'U0ACMETOM', thread_ts: '1763900000.000400' });
  });
});
