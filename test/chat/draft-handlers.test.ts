import { beforeEach, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import type { Card } from '../../src/chat/card.ts';
import type { ChatEvent, Conversation } from '../../src/chat/chat-event.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { parseNoticePayload } from '../../src/chat/notice-payload.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { fakeMembers, loadAcmeAnnouncementSettings, ukStaff } from '../comms/support.ts';
import { loadExamples } from '../support/examples.ts';

const now = () => new Date('2026-03-02T10:00:00Z');
const slackThread: Conversation = { id: 'slack:C0ACMECOMMS:1700000000.000100', shared: true, everyMemberMaySee: async () => true };
const teamsChat: Conversation = { id: 'teams:a:1Fq9comms-nora', shared: false };
const reviewers: Conversation = { id: 'slack:C0ACMEHR', shared: true, everyMemberMaySee: async () => true };

let db: Db;
let deps: ChatDeps;
beforeEach(async () => {
  db = await loadExamples();
  loadAcmeAnnouncementSettings(db);
  deps = { db, answerer: createOfflineAnswerer(), now, comms: { membersOf: { slack: fakeMembers({ C0ACMEUKALL: ukStaff, C0ACMEALLHANDS: [...ukStaff, 'ana'] }) } } };
});

function card(reply: ChatReply | undefined): Extract<ChatReply, { kind: 'card' }> {
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return reply;
}
const words = (c: Card) => c.body.map((element) => ('text' in element ? element.text : 'facts' in element ? element.facts.map((f) => `${f.label}: ${f.value}`).join('\n') : '')).join('\n');
const message = (personId: string, text: string, conversation = slackThread): ChatEvent => ({ kind: 'message', tenant: 'acme', personId, text, conversation });
const press = (personId: string, c: Card, id: string, conversation = slackThread) => routeEvent(deps, { kind: 'action', tenant: 'acme', personId, action: id, value: c.actions.find((a) => a.id === id)!.value, conversation });
const submitForm = (personId: string, c: Card, id: string, fields: Record<string, string>, conversation = slackThread) => {
  const action = c.actions.find((a) => a.id === id)!;
  return routeEvent(deps, { kind: 'form', tenant: 'acme', personId, form: action.form!.id, value: action.form!.value, fields, conversation });
};
const notices = () => (db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' ORDER BY id").all() as { payload: string }[]).map((row) => parseNoticePayload(row.payload));

describe('drafting announcements in chat', () => {
  it('answers "draft an announcement…" with a template draft card in the thread, with its claim check and buttons', async () => {
    const [reply] = await routeEvent(deps, message('nora', 'draft an announcement about the new UK time-off rules for UK employees, friendly tone'));
    const draft = card(reply);
    expect(draft.to).toBe('conversation');
    expect(draft.card.key).toBe('draft:1');
    expect(words(draft.card)).toMatch(/Template draft/);
    expect(words(draft.card)).toMatch(/Audience: staff in UK/);
    expect(draft.card.body).toContainEqual({ type: 'note', text: expect.stringMatching(/Claim check: all \d+ factual claims match the sources/) });
    expect(draft.card.actions.map((a) => a.label)).toEqual(['Submit for review', 'Regenerate', 'Edit']);
  });

  it('refuses someone without the draft permission, with the rule’s reason', async () => {
    const [reply] = await routeEvent(deps, message('ana', 'write an announcement about PTO carryover for everyone'));
    expect(card(reply).to).toBe('asker');
    expect(words(card(reply).card)).toMatch(/Internal communications writes and sends policy announcements/);
  });

  it('shows a hand edit’s planted wrong number as contradicted, with the policy’s words', async () => {
    const [reply] = await routeEvent(deps, message('nora', 'draft an announcement about the new UK time-off rules for UK employees', teamsChat));
    const draft = card(reply).card;
    const text = (draft.body[0] as { text: string }).text;
    const [edited] = await submitForm('nora', draft, 'draft.edit', { text: text.replace('25 days', '30 days') }, teamsChat);
    const body = words(card(edited).card);
    expect(body).toMatch(/Claim check: 1 flagged/);
    expect(body).toMatch(/⛔ Contradicted: “.*30 days/);
    expect(card(edited).card.body).toContainEqual({ type: 'quote', text: expect.stringContaining('25 days of annual leave') });
    expect(body).toMatch(/Version: 2/);
  });

  it('takes a draft through review to publication: reviewers get cards, the drafter cannot approve, only the approved version is published', async () => {
    const [reply] = await routeEvent(deps, message('nora', 'draft an announcement about the new UK time-off rules for UK employees'));
    const [submitted] = await press('nora', card(reply).card, 'draft.submit');
    expect(card(submitted).replace).toBe(true);
    const review = notices().find((n) => 'group' in n.to && n.to.group === 'hr')!.card;
    expect(review.actions.map((a) => a.label)).toEqual(['Approve', 'Request changes']);
    expect(notices().map((n) => n.to)).toEqual([{ group: 'comms' }, { group: 'hr' }, { group: 'legal' }]);

    expect(words(card((await press('nora', review, 'draft.approve', reviewers))[0]).card)).toMatch(/someone else must review it/);
    const [requested] = await submitForm('lena', review, 'draft.request-changes', { comment: '' }, reviewers);
    expect(requested).toMatchObject({ kind: 'invalid', field: 'comment' });

    for (const reviewer of ['omar', 'lena', 'maya']) await press(reviewer, review, 'draft.approve', reviewers);
    const toDrafter = notices().at(-4)!;
    expect(toDrafter.to).toEqual({ conversation: slackThread.id });
    const approved = toDrafter.card;
    expect(approved.actions.map((a) => a.label)).toEqual(['Publish', 'Regenerate', 'Edit']);

    const [refused] = await submitForm('nora', approved, 'draft.publish', { channel: 'all-hands' });
    expect(refused).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/#all-hands has 1 member outside the audience/) });
    const [published] = await submitForm('nora', approved, 'draft.publish', { channel: 'uk-all' });
    expect(words(card(published).card)).toMatch(/Published: version 1 is being posted to #uk-all for 4 people/);
    expect(db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'").get()).toEqual({ n: 1 });
  });

  it('schedules a publication from the publish form', async () => {
    const [reply] = await routeEvent(deps, message('nora', 'draft an announcement about the new UK time-off rules for UK employees'));
    await press('nora', card(reply).card, 'draft.submit');
    const review = notices()[0]!.card;
    for (const reviewer of ['omar', 'lena', 'maya']) await press(reviewer, review, 'draft.approve', reviewers);
    const approved = notices().at(-4)!.card;
    expect(await submitForm('nora', approved, 'draft.publish', { channel: 'uk-all', date: '2026-03-03', time: '25:00' })).toEqual([{ kind: 'invalid', field: 'time', message: expect.any(String) }]);
    const [scheduled] = await submitForm('nora', approved, 'draft.publish', { channel: 'uk-all', date: '2026-03-03', time: '08:30' });
    expect(words(card(scheduled).card)).toMatch(/Scheduled: version 1 goes to #uk-all at 2026-03-03 08:30 UTC/);
  });
});
