import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import {
  acmeEntraTenant,
  acmeTeam,
  actionInvoke,
  botAccount,
  channelConversation,
  connector,
  createSigningKey,
  db,
  personalConversation,
  personalMessage,
  reviewersChannel,
  service,
  serviceUrl,
  teamsUsers,
  useTeamsWorld,
  type ConnectorCall,
  type TeamsUser,
} from './teams-harness.ts';

const key = createSigningKey();
useTeamsWorld(key);

beforeAll(async () => {
  // The app is installed in Acme's team: Teams tells the bot from the reviewers' channel.
  const installed = await service.post({
    type: 'conversationUpdate',
    id: 'f:install-1',
    serviceUrl,
    channelId: 'msteams',
    from: teamsUsers.dev,
    recipient: botAccount,
    conversation: { ...channelConversation(reviewersChannel) },
    membersAdded: [botAccount],
    channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: reviewersChannel }, eventType: 'teamMemberAdded' },
  });
  expect(installed.status).toBe(200);
});

type Action = { type: string; verb: string; data: Record<string, unknown>; title: string };
type AdaptiveCard = { body: { type: string; text?: string; id?: string }[]; actions?: Action[] };
type InvokeBody = { statusCode: number; type: string; value: AdaptiveCard | string };

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
const cardOf = (call: ConnectorCall) => (call.body as { attachments: { content: AdaptiveCard }[] }).attachments[0]!.content;

async function invoke(user: TeamsUser, verb: string, data: Record<string, unknown>, where: Parameters<typeof actionInvoke>[3], activity = actionInvoke(user, verb, data, where)): Promise<InvokeBody> {
  const response = await service.post(activity);
  expect(response.status).toBe(200);
  return (await response.json()) as InvokeBody;
}

const asCard = (body: InvokeBody) => {
  if (body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`expected a card, got ${JSON.stringify(body)}`);
  return body.value as AdaptiveCard;
};

/** Tom asks, opens the intake form from the answer and submits it: the request id and where its approval card was posted. */
async function requestBusinessClass(): Promise<{ requestId: number; cardActivity: string }> {
  let since = connector.calls.length;
  await service.post(personalMessage(teamsUsers.tom, 'Can I fly business class on a long flight?'));
  // The answer (a notice of an earlier test's event may still be on its way).
  const answer = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /exception\.open/.test(JSON.stringify(call.body)), since);
  const open = cardOf(answer).actions!.find((action) => action.verb === 'exception.open')!;
  expect(open.type).toBe('Action.Execute');

  const form = asCard(await invoke(teamsUsers.tom, open.verb, open.data, { conversation: personalConversation(teamsUsers.tom), replyToId: 'activity-answer' }));
  expect(form.body.filter((element) => element.type.startsWith('Input.')).map((element) => element.id)).toEqual(['justification', 'amount', 'currency', 'starts_on', 'ends_on', 'evidence']);
  const submit = form.actions![0]!;
  expect(submit).toMatchObject({ type: 'Action.Execute', verb: 'exception.intake' });

  const refused = asCard(await invoke(teamsUsers.tom, submit.verb, { ...submit.data, justification: '' }, { conversation: personalConversation(teamsUsers.tom) }));
  expect(JSON.stringify(refused.body)).toMatch(/⚠️/);

  since = connector.calls.length;
  const done = asCard(
    await invoke(teamsUsers.tom, submit.verb, { ...submit.data, justification: 'A 14-hour overnight flight straight into a customer workshop.', amount: 4200, currency: 'usd' }, { conversation: personalConversation(teamsUsers.tom) }),
  );
  // The form becomes a receipt: the details come next in the personal chat, once.
  expect(JSON.stringify(done.body)).toContain('✅ Sent.');
  const told = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /is with finance/.test(JSON.stringify(call.body)), since);
  const requestId = Number(/#(\d+)/.exec(JSON.stringify(told.body))![1]);
  const posted = await connector.next((call) => isPost(call) && call.path.includes(reviewersChannel), since);
  const approval = cardOf(posted);
  expect(approval.actions!.map((action) => action.verb)).toEqual(['exception.approve', 'exception.deny', 'exception.ask-info']);
  expect(approval.actions![0]!.data).toEqual({ requestId: String(requestId) });
  expect(connector.calls.slice(since).filter((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /is with finance/.test(JSON.stringify(call.body)))).toHaveLength(1);
  const cardActivity = db.prepare('SELECT activity_id FROM teams_exception_cards WHERE request_id = ?').get(requestId) as { activity_id: string };
  return { requestId, cardActivity: cardActivity.activity_id };
}

const inReviewers = (replyToId: string) => ({
  conversation: { ...channelConversation(`${reviewersChannel};messageid=${replyToId}`) },
  replyToId,
  channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: reviewersChannel } },
});

const securityChannel = '19:acme-security@thread.tacv2';

/** Ivan (IT) asks about declaring an incident and requests an exception to that confidential clause: its approval card goes to the security channel. */
async function requestIncidentException(): Promise<{ requestId: number; cardActivity: string }> {
  let since = connector.calls.length;
  await service.post(personalMessage(teamsUsers.ivan, 'Do I need to declare the incident in PagerDuty and open the bridge call?'));
  const answer = await connector.next((call) => isPost(call) && /exception\.open/.test(JSON.stringify(call.body)), since);
  const open = cardOf(answer).actions!.find((action) => action.verb === 'exception.open')!;
  expect(open.data).toMatchObject({ policyId: 'incident-response' });
  const submit = asCard(await invoke(teamsUsers.ivan, open.verb, open.data, { conversation: personalConversation(teamsUsers.ivan) })).actions![0]!;
  since = connector.calls.length;
  await invoke(teamsUsers.ivan, submit.verb, { ...submit.data, justification: 'Our on-call rota has no PagerDuty seat for the DE team this quarter.' }, { conversation: personalConversation(teamsUsers.ivan) });
  const told = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.ivan.id}`) && /is with security/.test(JSON.stringify(call.body)), since);
  const requestId = Number(/#(\d+)/.exec(JSON.stringify(told.body))![1]);
  const posted = await connector.next((call) => isPost(call) && call.path.includes(securityChannel), since);
  expect(JSON.stringify(posted.body)).not.toContain('KESTREL-NINE');
  const cardRow = () => db.prepare('SELECT activity_id FROM teams_exception_cards WHERE request_id = ?').get(requestId) as { activity_id: string } | undefined;
  await eventually(() => cardRow() !== undefined);
  return { requestId, cardActivity: cardRow()!.activity_id };
}

const inSecurity = (cardActivity: string) => ({
  conversation: { ...channelConversation(`${securityChannel};messageid=${cardActivity}`) },
  replyToId: cardActivity,
  channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: securityChannel } },
});

/** The two redraws of a decided card for everyone in its channel (the click's, then or before it the notifier's), once both are made. */
async function redrawsFor(cardActivity: string, since: number): Promise<ConnectorCall[]> {
  const isRedraw = (call: ConnectorCall) => call.method === 'PUT' && call.path.endsWith(`/activities/${cardActivity}`);
  await connector.next((call) => isRedraw(call) && !call.path.includes(';messageid='), since);
  const redraws = connector.calls.slice(since).filter(isRedraw);
  expect(redraws).toHaveLength(2);
  return redraws;
}

describe('exceptions in Teams', () => {
  it('takes a request from the answer’s button to an approval card in the reviewers’ channel, decided once by a reviewer', async () => {
    const { requestId, cardActivity } = await requestBusinessClass();

    // The requester cannot approve their own request: refused with the reason, audited, nothing decided.
    const own = await invoke(teamsUsers.tom, 'exception.approve', { requestId: String(requestId) }, inReviewers(cardActivity));
    expect(own.type).toBe('application/vnd.microsoft.activity.message');
    expect(own.value).toMatch(/own|requester/i);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied' AND subject = ?").get(`exception:${requestId}`)).toEqual({ n: 1 });

    const since = connector.calls.length;
    const click = actionInvoke(teamsUsers.dev, 'exception.approve', { requestId: String(requestId) }, inReviewers(cardActivity));
    const decided = asCard(await invoke(teamsUsers.dev, '', {}, inReviewers(cardActivity), click));
    expect(decided.actions).toBeUndefined();
    expect(JSON.stringify(decided.body)).toMatch(/Approved by Dev Patel/);
    // Updated in place for everyone: the same activity.
    const update = await connector.next((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${cardActivity}`), since);
    expect(JSON.stringify(cardOf(update).body)).toMatch(/Approved by Dev Patel/);
    expect(cardOf(update).actions).toBeUndefined();

    // The same invoke delivered again gets the same answer; a second click is told it is decided; one decision.
    expect(asCard(await invoke(teamsUsers.dev, '', {}, inReviewers(cardActivity), click))).toEqual(decided);
    const again = await invoke(teamsUsers.dev, 'exception.approve', { requestId: String(requestId) }, inReviewers(cardActivity));
    expect(again.value).toMatch(/already approved/);
    expect(db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'exception.decided' AND payload LIKE ?").get(`%"id":${requestId},%`)).toEqual({ n: 1 });

    const told = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /was approved by Dev Patel/.test(JSON.stringify(call.body)), since);
    expect(told).toBeDefined();
  });

  it('asks the reviewer for a reason to deny in place of the card, refuses an empty one by its field, and denies', async () => {
    const { requestId, cardActivity } = await requestBusinessClass();
    const form = asCard(await invoke(teamsUsers.dev, 'exception.deny', { requestId: String(requestId) }, inReviewers(cardActivity)));
    const submit = form.actions![0]!;
    expect(submit.verb).toBe('exception.deny');
    const empty = asCard(await invoke(teamsUsers.dev, submit.verb, { ...submit.data, reason: ' ' }, inReviewers(cardActivity)));
    expect(empty.body.findIndex((element) => /⚠️/.test(element.text ?? ''))).toBe(empty.body.findIndex((element) => element.id === 'reason') + 1);
    const since = connector.calls.length;
    const denied = asCard(await invoke(teamsUsers.dev, submit.verb, { ...submit.data, reason: 'Economy plus is enough for this route.' }, inReviewers(cardActivity)));
    expect(JSON.stringify(denied.body)).toMatch(/Denied by Dev Patel.*Economy plus/);
    await connector.next((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${cardActivity}`), since);
    await connector.next((call) => isPost(call) && /was denied by Dev Patel/.test(JSON.stringify(call.body)), since);
  });

  it('lets a reviewer ask for information, and the requester answer from the card in their personal chat', async () => {
    const { requestId, cardActivity } = await requestBusinessClass();
    const form = asCard(await invoke(teamsUsers.dev, 'exception.ask-info', { requestId: String(requestId) }, inReviewers(cardActivity)));
    let since = connector.calls.length;
    await invoke(teamsUsers.dev, form.actions![0]!.verb, { ...form.actions![0]!.data, reason: 'Which flight, and what does economy plus cost?' }, inReviewers(cardActivity));
    const question = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /needs more information/.test(JSON.stringify(call.body)), since);
    const answerButton = cardOf(question).actions!.find((action) => action.verb === 'exception.answer')!;
    const answerForm = asCard(await invoke(teamsUsers.tom, answerButton.verb, answerButton.data, { conversation: personalConversation(teamsUsers.tom), replyToId: 'question-card' }));
    since = connector.calls.length;
    const thanks = asCard(await invoke(teamsUsers.tom, answerForm.actions![0]!.verb, { ...answerForm.actions![0]!.data, answer: 'NH7 on 1 December; economy plus is USD 2,900.' }, { conversation: personalConversation(teamsUsers.tom) }));
    expect(JSON.stringify(thanks.body)).toMatch(/your answer is with the reviewers/);
    const reply = await connector.next((call) => isPost(call) && call.path.includes(`${reviewersChannel};messageid=${cardActivity}`), since);
    expect(JSON.stringify(reply.body)).toContain('NH7 on 1 December');
  });

  it('answers a committed approval with the redrawn card though Teams will not update the card in place, and a redelivery the same', async () => {
    const { requestId, cardActivity } = await requestBusinessClass();
    // Someone deleted the card post: Teams answers 404 to every update of it.
    connector.respond = (call) => (call.method === 'PUT' && call.path.endsWith(`/activities/${cardActivity}`) ? [404, { error: { code: 'NotFound', message: 'message not found' } }] : undefined);
    try {
      const since = connector.calls.length;
      const click = actionInvoke(teamsUsers.dev, 'exception.approve', { requestId: String(requestId) }, inReviewers(cardActivity));
      const first = await service.post(click);
      expect(first.status).toBe(200);
      const decided = asCard((await first.json()) as InvokeBody);
      expect(JSON.stringify(decided.body)).toMatch(/Approved by Dev Patel/);
      await connector.next((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${cardActivity}`), since);
      // Teams sends the click again: the same answer, not "already approved by Dev Patel".
      expect(asCard(await invoke(teamsUsers.dev, '', {}, inReviewers(cardActivity), click))).toEqual(decided);
      expect(db.prepare('SELECT status FROM exception_requests WHERE id = ?').get(requestId)).toEqual({ status: 'approved' });
      await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.tom.id}`) && /was approved by Dev Patel/.test(JSON.stringify(call.body)), since);
    } finally {
      connector.respond = undefined;
    }
  });

  it('redraws a decided card for the channel from the channel’s own roster, read live: a confidential clause stays off where a member may not read it', async () => {
    // The security channel has Tom (sales), outside the incident-response runbook's audience; its team has Grace and Ivan only.
    connector.rosters = { [acmeTeam]: [teamsUsers.grace, teamsUsers.ivan], [securityChannel]: [teamsUsers.grace, teamsUsers.tom] };
    try {
      const { requestId, cardActivity } = await requestIncidentException();
      const since = connector.calls.length;
      const decided = asCard(await invoke(teamsUsers.grace, 'exception.approve', { requestId: String(requestId) }, inSecurity(cardActivity)));
      expect(JSON.stringify(decided.body)).toMatch(/Approved by Grace Kim/);
      const redraws = await redrawsFor(cardActivity, since);
      for (const redraw of redraws) expect(JSON.stringify(redraw.body)).not.toContain('KESTREL-NINE');
      const rosterReads = connector.calls.slice(since).filter((call) => call.method === 'GET' && call.path.endsWith('/pagedmembers')).map((call) => call.path);
      expect(new Set(rosterReads)).toEqual(new Set([`/amer/v3/conversations/${securityChannel}/pagedmembers`]));
    } finally {
      connector.rosters = {};
    }
  });

  it('leaves the clause off a card redrawn for the channel when the channel’s roster cannot be read', async () => {
    // The team's roster would allow it; the channel's own is refused.
    connector.rosters = { [acmeTeam]: [teamsUsers.grace, teamsUsers.ivan] };
    connector.respond = (call) => (call.method === 'GET' && call.path.endsWith(`${securityChannel}/pagedmembers`) ? [403, { error: { code: 'Forbidden', message: 'no' } }] : undefined);
    try {
      const { requestId, cardActivity } = await requestIncidentException();
      const since = connector.calls.length;
      const form = asCard(await invoke(teamsUsers.grace, 'exception.deny', { requestId: String(requestId) }, inSecurity(cardActivity)));
      const submit = form.actions![0]!;
      await invoke(teamsUsers.grace, submit.verb, { ...submit.data, reason: 'PagerDuty is how the rest of the company finds the incident.' }, inSecurity(cardActivity));
      for (const redraw of await redrawsFor(cardActivity, since)) {
        expect(JSON.stringify(redraw.body)).toMatch(/Denied by Grace Kim/);
        expect(JSON.stringify(redraw.body)).not.toContain('KESTREL-NINE');
      }
    } finally {
      connector.rosters = {};
      connector.respond = undefined;
    }
  });

  it('tells a requester the directory knows only by email in their personal chat, by the match Teams made', async () => {
    // A directory without Tom's Entra object id: Teams gives his email, and the match is kept.
    db.prepare("UPDATE directory_users SET teams_id = NULL WHERE tenant = 'acme' AND user_id = 'tom'").run();
    const isMemberLookup = (call: ConnectorCall) => call.method === 'GET' && call.path.endsWith(`/members/${teamsUsers.tom.id}`);
    connector.respond = (call) => (isMemberLookup(call) ? [200, { id: teamsUsers.tom.id, name: 'Tom Baker', aadObjectId: teamsUsers.tom.aadObjectId, email: 'Tom.Baker@acme.example' }] : undefined);
    try {
      const since = connector.calls.length;
      // The request, its approval card, and Tom told in his personal chat (which requestBusinessClass checks).
      const { requestId } = await requestBusinessClass();
      expect(connector.calls.slice(since).filter(isMemberLookup)).toHaveLength(1);
      expect(db.prepare("SELECT person_id FROM chat_identities WHERE platform = 'teams' AND user_id = ?").get(teamsUsers.tom.aadObjectId)).toEqual({ person_id: 'tom' });
      expect(requestId).toBeGreaterThan(0);
    } finally {
      connector.respond = undefined;
      db.prepare("UPDATE directory_users SET teams_id = ? WHERE tenant = 'acme' AND user_id = 'tom'").run(teamsUsers.tom.aadObjectId);
    }
  });

  it('refuses a button from someone the directory does not know', async () => {
    const refused = await invoke(teamsUsers.stranger, 'exception.approve', { requestId: '1' }, inReviewers('activity-x'));
    expect(refused.value).toMatch(/couldn't find you/);
  });
});
