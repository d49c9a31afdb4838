import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/storage/open-database.ts';
import { joinEveryGroup, letSecurityDraft, loadAcmeAnnouncementSettings, securityRequest } from '../../comms/support.ts';
import { loadExamples } from '../../support/examples.ts';
import { buttonClick, eventCallback, eventually, mockAuthTest, slackApi, startSlackService } from './slack-harness.ts';

const form = { contentType: 'application/x-www-form-urlencoded' };
type Button = { action_id: string; value: string };
type Call = { method: string; body: Record<string, string>; ts: string };
/** A line of the confidential incident runbook, whose audience is the security and IT departments. */
const secret = 'KESTREL-NINE';

/** Records every call of these Web API methods; posts are answered with a new ts each. */
function recordCalls(methods: string[]): Call[] {
  const calls: Call[] = [];
  let ts = 0;
  for (const method of methods) {
    nock(slackApi)
      .persist()
      .post(`/api/${method}`)
      .reply(200, (_uri, raw) => {
        const body = typeof raw === 'string' ? Object.fromEntries(new URLSearchParams(raw)) : (raw as Record<string, string>);
        const posted = `1763901000.${String(++ts).padStart(6, '0')}`;
        calls.push({ method, body, ts: posted });
        return { ok: true, channel: body.channel, ts: posted };
      });
  }
  return calls;
}

const buttonsOf = (body: Record<string, string>) => (JSON.parse(body.blocks!) as { type: string; elements?: Button[] }[]).find((block) => block.type === 'actions')?.elements ?? [];

describe('review cards of an announcement quoting a confidential policy, in Slack', () => {
  let db: Db;
  let service: Awaited<ReturnType<typeof startSlackService>>;
  beforeAll(async () => {
    db = await loadExamples();
    loadAcmeAnnouncementSettings(db);
    letSecurityDraft(db);
    joinEveryGroup(db, 'ivan'); // IT: may read the runbook, so every group has a reviewer who may
    service = await startSlackService(db);
  });
  afterAll(async () => {
    await service.close();
    db.close();
  });
  afterEach(() => nock.cleanAll());

  it('posts the text only where every live member may read the runbook; elsewhere Show the draft shows it to a reader alone', async () => {
    mockAuthTest();
    // The security channel holds its two readers; every other reviewers' channel also has people outside the runbook's audience.
    nock(slackApi)
      .persist()
      .post('/api/conversations.members')
      .reply(200, (_uri, raw) => {
        const channel = new URLSearchParams(raw as string).get('channel');
        const members = channel === 'C0ACMESEC' ? ['U0ACMEGRACE', 'U0ACMEIVAN', 'U0BOT'] : ['U0ACMENORA', 'U0ACMEOMAR', 'U0ACMEIVAN', 'U0BOT'];
        return { ok: true, members, response_metadata: { next_cursor: '' } };
      });
    const calls = recordCalls(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'conversations.open', 'conversations.history']);
    await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEGRACE', text: securityRequest, ts: '1763900000.000100', channel: 'D0GRACE' }));
    await eventually(() => calls.some((call) => call.method === 'chat.postMessage' && call.body.channel === 'D0GRACE'));
    const draftCard = calls.find((call) => call.body.channel === 'D0GRACE')!.body;
    expect(draftCard.blocks).toContain(secret); // Grace's own DM: she may read it
    const submit = buttonsOf(draftCard).find((button) => button.action_id.startsWith('draft.submit'))!;

    await service.post(buttonClick('U0ACMEGRACE', submit.action_id, submit.value, 'D0GRACE'), form);
    const reviewPosts = () => calls.filter((call) => call.method === 'chat.postMessage' && /waits for review/.test(call.body.text ?? ''));
    await eventually(() => reviewPosts().length >= 3);
    const posts = new Map(reviewPosts().map((call) => [call.body.channel, call.body]));
    expect([...posts.keys()]).toEqual(expect.arrayContaining(['C0ACMECOMMS', 'C0ACMESEC']));
    for (const [channel, body] of posts) {
      if (channel === 'C0ACMESEC') expect(body.blocks).toContain(secret);
      else {
        expect(JSON.stringify(body)).not.toContain(secret);
        expect(body.blocks).toContain('Security incident response runbook');
        expect(body.blocks).toContain('Show the draft');
      }
    }

    const show = buttonsOf(posts.get('C0ACMECOMMS')!).find((button) => button.action_id.startsWith('draft.show'))!;
    // Nora (comms) may not read the runbook: refused, privately.
    await service.post(buttonClick('U0ACMENORA', show.action_id, show.value, 'C0ACMECOMMS'), form);
    await eventually(() => calls.some((call) => call.method === 'chat.postEphemeral' && call.body.user === 'U0ACMENORA'));
    const refused = calls.find((call) => call.method === 'chat.postEphemeral' && call.body.user === 'U0ACMENORA')!.body;
    expect(JSON.stringify(refused)).toMatch(/quotes a policy you may not read/);
    expect(JSON.stringify(refused)).not.toContain(secret);
    // Ivan (IT) may: the whole card, to him alone.
    await service.post(buttonClick('U0ACMEIVAN', show.action_id, show.value, 'C0ACMECOMMS'), form);
    await eventually(() => calls.some((call) => call.method === 'chat.postEphemeral' && call.body.user === 'U0ACMEIVAN'));
    expect(calls.find((call) => call.method === 'chat.postEphemeral' && call.body.user === 'U0ACMEIVAN')!.body.blocks).toContain(secret);
    expect(calls.filter((call) => call.method !== 'chat.postEphemeral' && call.body.channel === 'C0ACMECOMMS').every((call) => !JSON.stringify(call.body).includes(secret))).toBe(true);
  });

  it('keeps one review card per group and version, redrawn in place as each group approves', async () => {
    mockAuthTest();
    nock(slackApi).persist().post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMENORA', 'U0ACMEOMAR', 'U0ACMELENA', 'U0ACMEMAYA', 'U0BOT'], response_metadata: { next_cursor: '' } });
    const calls = recordCalls(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'conversations.open', 'conversations.history']);
    await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMENORA', text: 'draft an announcement about the new UK time-off rules for UK employees', ts: '1763900000.000200', channel: 'D0NORA' }));
    await eventually(() => calls.some((call) => call.body.channel === 'D0NORA'));
    const submit = buttonsOf(calls.find((call) => call.body.channel === 'D0NORA')!.body).find((button) => button.action_id.startsWith('draft.submit'))!;
    await service.post(buttonClick('U0ACMENORA', submit.action_id, submit.value, 'D0NORA'), form);
    const reviewPosts = () => calls.filter((call) => call.method === 'chat.postMessage' && /waits for review/.test(call.body.text ?? ''));
    await eventually(() => reviewPosts().length >= 3);
    const cards = new Map(reviewPosts().map((call) => [call.body.channel!, call]));
    const ts = (channel: string) => cards.get(channel)!.ts;
    expect([...cards.keys()].sort()).toEqual(['C0ACMECOMMS', 'C0ACMEHR', 'C0ACMELEGAL']);

    const reviewers: [string, string][] = [['U0ACMEOMAR', 'C0ACMECOMMS'], ['U0ACMELENA', 'C0ACMEHR'], ['U0ACMEMAYA', 'C0ACMELEGAL']];
    for (const [index, [user, channel]] of reviewers.entries()) {
      const before = calls.length;
      const approve = buttonsOf(cards.get(channel)!.body).find((button) => button.action_id.startsWith('draft.approve'))!;
      await service.post(buttonClick(user, approve.action_id, approve.value, channel), form);
      // Each group's card is redrawn where it was posted, showing the approvals so far.
      await eventually(() => [...cards.keys()].every((c) => calls.slice(before).some((call) => call.method === 'chat.update' && call.body.channel === c && call.body.ts === ts(c))));
      const redrawn = calls.slice(before).filter((call) => call.method === 'chat.update' && call.body.ts === ts('C0ACMELEGAL')).at(-1)!;
      expect((redrawn.body.blocks!.match(/✅/g) ?? []).length).toBeGreaterThanOrEqual(index + 1);
    }
    // No card was posted again, and the last state of every card has no buttons left.
    expect(reviewPosts()).toHaveLength(3);
    for (const channel of cards.keys()) {
      const last = calls.filter((call) => call.method === 'chat.update' && call.body.channel === channel && call.body.ts === ts(channel)).at(-1)!;
      expect(last.body.blocks).toContain('Approved');
      expect(buttonsOf(last.body).filter((button) => button.action_id.startsWith('draft.approve'))).toEqual([]);
    }
  });
});
