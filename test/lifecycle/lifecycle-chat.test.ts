import { beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import type { Card } from '../../src/chat/card.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { ChatEvent, Conversation, VersionRef } from '../../src/chat/chat-event.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import { requestAcknowledgments } from '../../src/lifecycle/request-acknowledgments.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';

const personal: Conversation = { id: 'slack:D0ANA', shared: false };
const now = () => new Date('2026-03-02T10:00:00Z');

let db: Db;
let deps: ChatDeps;
beforeAll(async () => {
  db = await loadExamples();
  deps = { db, answerer: createOfflineAnswerer(), now };
});

const say = (personId: string, text: string, conversation = personal) => routeEvent(deps, { kind: 'message', tenant: 'acme', personId, text, conversation });
const press = (personId: string, action: string, value: Record<string, string>) => routeEvent(deps, { kind: 'action', tenant: 'acme', personId, action, value, conversation: personal } satisfies ChatEvent);
const cardOf = (reply: ChatReply | undefined) => {
  if (reply?.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return reply;
};
const textOf = (card: Card) => card.body.map((element) => ('text' in element ? element.text : 'facts' in element ? element.facts.map((f) => `${f.label}: ${f.value}`).join('\n') : '')).join('\n');

describe('"what changed in …" in chat', () => {
  it('answers with a comparison card of the two latest versions, changed figures first', async () => {
    const [reply] = await say('ana', 'What changed in the expenses policy?');
    const { card, to } = cardOf(reply);
    expect(to).toBe('conversation');
    expect(card.title).toBe('What changed in the Expenses policy: 2.0 → 2.1');
    const text = textOf(card);
    expect(text).toContain('What we reimburse: up to $75 → $90 per person including tip');
    expect(text).toContain('Approval limits: Claim total: $500 → $1,000');
    expect(text).toContain('**What we reimburse** (was "Eligible expenses")');
    expect(text).toContain('Now: Mileage for your own car at **$0.67** per mile.');
    expect(text).toContain('**Currency conversion** (removed)');
    expect(text).toContain('**Corporate cards** (moved)');
  });

  it('posts to a shared conversation only when every member may see both versions', async () => {
    const [hidden] = await say('ana', "what's new in the travel policy?", { id: 'slack:C0GEN', shared: true });
    expect(cardOf(hidden).to).toBe('asker');
    const asked: VersionRef[] = [];
    const [shown] = await say('ana', 'compare versions of the travel policy', { id: 'slack:C0GEN', shared: true, everyMemberMaySee: async (versions) => (asked.push(...versions), true) });
    expect(cardOf(shown).to).toBe('conversation');
    expect(asked).toEqual([{ policyId: 'travel', version: '3.0' }, { policyId: 'travel', version: '4.2' }]);
  });

  it('finds the policy by its words, asks which when it cannot tell, and names only what the asker may see', async () => {
    expect(cardOf((await say('ana', 'any changes to mileage?'))[0]).card.title).toMatch(/Expenses policy/);
    expect(cardOf((await say('ana', 'diff travel between 3.0 and 4.2'))[0]).card.title).toBe('What changed in the Travel policy: 3.0 → 4.2');
    const [which] = await say('ana', 'what changed?');
    expect(textOf(cardOf(which).card)).toBe('Which policy do you mean? I can compare versions of: Expenses policy, Travel policy.');
    const [single] = await say('ana', 'what changed in the code of conduct?');
    expect(textOf(cardOf(single).card)).toMatch(/only one version you can see \(1\.4\)/);
    const [restricted] = await say('ana', 'what changed in the workplace investigations procedure?');
    expect(textOf(cardOf(restricted).card)).not.toMatch(/investigations procedure/i);
  });

  it('leaves questions to the question intent', async () => {
    const [reply] = await say('ana', 'What is the hotel limit per night?');
    expect(cardOf(reply).card.body.some((element) => element.type === 'sources')).toBe(true);
  });
});

describe('acknowledgment cards in chat', () => {
  it('records an Acknowledge click once and redraws the card; What changed? shows the comparison', async () => {
    requestAcknowledgments(db, { tenant: 'acme', by: 'dev', policyId: 'expenses', now: now() });
    const notice = JSON.parse((db.prepare("SELECT payload FROM outbox_messages WHERE topic = 'chat.notice' AND json_extract(payload, '$.to.person') = 'ana'").get() as { payload: string }).payload) as { card: Card };
    expect(notice.card.title).toBe('Please acknowledge: Expenses policy');
    const [acknowledge, whatChanged] = notice.card.actions;

    const first = await press('ana', acknowledge!.id, acknowledge!.value);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'card', replace: true, to: 'conversation' });
    expect(cardOf(first[0]).card.actions.map((action) => action.id)).toEqual(['policy.compare']);
    expect(textOf(cardOf(first[0]).card)).toMatch(/✅ Acknowledged\*\* at 2026-03-02 10:00 UTC/);
    const second = await press('ana', acknowledge!.id, acknowledge!.value);
    expect(textOf(cardOf(second[1]).card)).toMatch(/already acknowledged/);
    expect(db.prepare("SELECT person_id, channel FROM acknowledgments WHERE person_id = 'ana'").all()).toEqual([{ person_id: 'ana', channel: 'slack' }]);

    const [comparison] = await press('ana', whatChanged!.id, whatChanged!.value);
    expect(cardOf(comparison).card.title).toBe('What changed in the Expenses policy: 2.0 → 2.1');
  });

  it('refuses a forged button for a version the clicker may not see, revealing nothing', async () => {
    const restricted = db.prepare("SELECT id FROM policy_versions WHERE tenant = 'acme' AND policy_id = 'workplace-investigations'").get() as { id: number };
    const [reply] = await press('ana', 'ack.record', { versionId: String(restricted.id) });
    expect(textOf(cardOf(reply).card)).toBe('That policy version is not one you can see.');
    const [garbage] = await press('ana', 'ack.record', { versionId: 'DROP TABLE' });
    expect(textOf(cardOf(garbage).card)).toMatch(/does not name a policy version/);
    expect(db.prepare("SELECT count(*) AS n FROM acknowledgments WHERE person_id = 'ana' AND version_id = ?").get(restricted.id)).toEqual({ n: 0 });
  });
});
