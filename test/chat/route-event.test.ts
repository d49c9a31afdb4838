import { beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { ChatEvent, Conversation } from '../../src/chat/chat-event.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';

const personal: Conversation = { id: 'test:dm', shared: false };
const now = () => new Date('2026-03-02T10:00:00Z');

let db: Db;
let deps: ChatDeps;
beforeAll(async () => {
  db = await loadExamples();
  deps = { db, answerer: createOfflineAnswerer(), now };
});

const card = (reply: ChatReply | undefined) => {
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return reply;
};
const text = (reply: ChatReply | undefined) => card(reply).card.body.map((element) => ('text' in element ? element.text : '')).join('\n');
const message = (personId: string, words: string, conversation = personal): ChatEvent => ({ kind: 'message', tenant: 'acme', personId, text: words, conversation });

describe('routeEvent', () => {
  it('answers a question in a personal chat with its sources, feedback and an exception button', async () => {
    const [reply] = await routeEvent(deps, message('ana', 'What is the hotel limit per night?'));
    const answer = card(reply);
    expect(answer.to).toBe('conversation');
    expect(answer.card.body.some((element) => element.type === 'sources' && element.citations[0]?.policyId === 'travel')).toBe(true);
    expect(answer.card.actions.map((action) => action.id)).toEqual(['answer.feedback', 'answer.feedback', 'exception.open']);
  });

  it('sends an answer privately when the conversation is shared and nobody vouches for its members', async () => {
    const [reply] = await routeEvent(deps, message('ana', 'What is the hotel limit per night?', { id: 'test:channel', shared: true }));
    expect(card(reply).to).toBe('asker');
  });

  it('sends an answer to a shared conversation when every member may see the cited versions', async () => {
    const seen: string[] = [];
    const conversation: Conversation = { id: 'test:channel', shared: true, everyMemberMaySee: async (versions) => (seen.push(...versions.map((v) => v.policyId)), true) };
    const [reply] = await routeEvent(deps, message('ana', 'What is the hotel limit per night?', conversation));
    expect(card(reply).to).toBe('conversation');
    expect(seen).toContain('travel');
  });

  it('records feedback on an answer, and refuses feedback on an answer that is not the tenant’s', async () => {
    const [answer] = await routeEvent(deps, message('ana', 'What is the hotel limit per night?'));
    const button = card(answer).card.actions[0]!;
    expect(text((await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'ana', action: button.id, value: button.value, conversation: personal }))[0])).toMatch(/Thanks/);
    expect(db.prepare('SELECT helpful FROM answer_feedback WHERE answer_id = ?').get(Number(button.value.answerId))).toEqual({ helpful: 1 });
    const forged = await routeEvent(deps, { kind: 'action', tenant: 'globex', personId: 'ana', action: 'answer.feedback', value: { answerId: button.value.answerId!, helpful: 'no' }, conversation: personal });
    expect(text(forged[0])).toMatch(/no answer/);
  });

  it('takes an exception from the answer’s button to a decision, once, by a reviewer only', async () => {
    const [answer] = await routeEvent(deps, message('tom', 'Can I fly business class on a long flight?'));
    const open = card(answer).card.actions.find((action) => action.id === 'exception.open')!;
    const [form] = await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'tom', action: open.id, value: open.value, conversation: personal });
    if (form?.kind !== 'form') throw new Error('expected the intake form');
    expect(form.form.id).toBe('exception.intake');

    const empty = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'tom', form: 'exception.intake', value: form.form.value, fields: { justification: '' }, conversation: personal });
    expect(empty[0]).toMatchObject({ kind: 'invalid', field: 'justification' });

    const [sent] = await routeEvent(deps, {
      kind: 'form', tenant: 'acme', personId: 'tom', form: 'exception.intake', value: form.form.value,
      fields: { justification: 'A 14-hour overnight flight straight into a customer workshop.', amount: '4200', currency: 'usd' },
      conversation: personal,
    });
    const id = Number(/#(\d+)/.exec(text(sent))![1]);
    expect(db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'exception.requested'").get()).toEqual({ n: 1 });

    const click = (personId: string, action: string) => routeEvent(deps, { kind: 'action', tenant: 'acme', personId, action, value: { requestId: String(id) }, conversation: { id: 'test:reviewers', shared: true } });
    expect(text((await click('tom', 'exception.approve'))[0])).toMatch(/requested|own|requester/i);
    expect(text((await click('ana', 'exception.deny'))[0])).toMatch(/./);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'permission.denied'").get()).toMatchObject({ n: 2 });

    const [decided] = await click('dev', 'exception.approve');
    expect(card(decided)).toMatchObject({ replace: true, to: 'conversation' });
    expect(text(decided)).toMatch(/Approved by Dev Patel/);
    expect(card(decided).card.actions).toEqual([]);
    // A shared conversation nobody can vouch for: the redrawn card leaves the clause's words out.
    expect(text(decided)).toContain("The clause's words are not shown here");
    const again = await click('dev', 'exception.approve');
    expect(text(again[0])).toMatch(/already/i);
    expect(db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'exception.decided'").get()).toEqual({ n: 1 });
  });

  it('asks a reviewer for the reason of a denial, and refuses an empty one by its field', async () => {
    const [answer] = await routeEvent(deps, message('tom', 'Can I book business class for a long flight?'));
    const open = card(answer).card.actions.find((action) => action.id === 'exception.open')!;
    const [sent] = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'tom', form: 'exception.intake', value: open.value, fields: { justification: 'Back-to-back red-eye flights for the launch.' }, conversation: personal });
    const requestId = /#(\d+)/.exec(text(sent))![1]!;
    const [form] = await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'dev', action: 'exception.deny', value: { requestId }, conversation: personal });
    expect(form).toMatchObject({ kind: 'form', form: { id: 'exception.deny' } });
    const empty = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'dev', form: 'exception.deny', value: { requestId }, fields: { reason: ' ' }, conversation: personal });
    expect(empty[0]).toMatchObject({ kind: 'invalid', field: 'reason' });
    const [denied] = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'dev', form: 'exception.deny', value: { requestId }, fields: { reason: 'Economy plus is enough for this route.' }, conversation: personal });
    expect(text(denied)).toMatch(/Denied by Dev Patel.*Economy plus/);
  });

  it('says so for a button or form it does not know, and ignores unsupported events', async () => {
    expect(text((await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'ana', action: 'nope', value: {}, conversation: personal }))[0])).toMatch(/not one I know/);
    expect(await routeEvent(deps, { kind: 'unsupported', raw: { type: 'typing' } })).toEqual([]);
  });
});

describe('message intents', () => {
  it('says what the bot can do when asked for help', async () => {
    const [reply] = await routeEvent(deps, message('ana', 'help'));
    expect(text(reply)).toMatch(/Request an exception/);
    expect(card(reply).to).toBe('asker');
  });

  it('offers the clauses an exception request is about, each opening the intake form on it', async () => {
    const [reply] = await routeEvent(deps, message('amelia', 'exception: I need to fly business class to Tokyo for a 14 hour flight'));
    const offered = card(reply).card.actions;
    expect(offered.length).toBeGreaterThan(0);
    expect(offered[0]).toMatchObject({ id: 'exception.open', value: { policyId: 'travel' } });
    const [form] = await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'amelia', action: 'exception.open', value: offered[0]!.value, conversation: personal });
    expect(form).toMatchObject({ kind: 'form', form: { id: 'exception.intake' } });
  });

  it('asks what the exception is for when the request says nothing', async () => {
    expect(text((await routeEvent(deps, message('ana', 'exception:')))[0])).toMatch(/Tell me what you need/);
  });
});

describe('buttons that only open a form', () => {
  it('opens the form the adapter kept for the button when no handler claims the action', async () => {
    const form = { id: 'draft.edit', title: 'Edit', intro: [], fields: [{ id: 'text', label: 'Text', kind: 'textarea' as const }], submitLabel: 'Save', value: { draft: '1' } };
    const [reply] = await routeEvent(deps, { kind: 'action', tenant: 'acme', personId: 'ana', action: 'draft.edit', value: { draft: '1' }, form, conversation: personal });
    expect(reply).toEqual({ kind: 'form', form });
  });
});
