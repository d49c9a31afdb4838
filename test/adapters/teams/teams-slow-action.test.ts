import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../../src/comms/create-drafter.ts';
import type { Drafter } from '../../../src/comms/drafter.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { actionInvoke, createSigningKey, personalConversation, personalMessage, startTeamsService, teamsUsers, useFakeConnector, connector, type ConnectorCall, type TeamsService } from './teams-harness.ts';

const key = createSigningKey();
useFakeConnector(key);

type Action = { type: string; verb: string; data: Record<string, unknown> };
type AdaptiveCard = { body: unknown[]; actions?: Action[] };
type InvokeBody = { statusCode: number; type: string; value: AdaptiveCard | string };

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
const cardOf = (call: ConnectorCall) => (call.body as { attachments: { content: AdaptiveCard }[] }).attachments[0]!.content;
const redrawMs = 1500;

describe('a slow card action in Teams', () => {
  let db: Db;
  let service: TeamsService;

  beforeAll(async () => {
    db = await loadExamples();
    // A drafter that is quick the first time and slow to regenerate, like a model would be.
    const template = await createDrafter({ llm: undefined });
    let calls = 0;
    const slow: Drafter = { name: 'slow', write: async (input) => (calls++ > 0 ? new Promise((resolve) => setTimeout(() => resolve(template.write(input)), redrawMs)) : template.write(input)) };
    service = await startTeamsService(db, { key, comms: { drafter: slow, membersOf: {} }, actionAnswerMs: 200 });
  });
  afterAll(async () => {
    await service.close();
    db.close();
  });

  async function invoke(verb: string, data: Record<string, unknown>): Promise<InvokeBody> {
    const response = await service.post(actionInvoke(teamsUsers.nora, verb, data, { conversation: personalConversation(teamsUsers.nora), replyToId: 'activity-draft' }));
    expect(response.status).toBe(200);
    return (await response.json()) as InvokeBody;
  }

  it('is answered "working on it" within Teams’ patience, and its outcome follows as a message', async () => {
    let since = connector.calls.length;
    await service.post(personalMessage(teamsUsers.nora, 'draft an announcement about the new UK time-off rules for UK employees'));
    const draft = cardOf(await connector.next(isPost, since));
    const regenerate = draft.actions!.find((action) => action.verb === 'draft.regenerate')!;
    const form = (await invoke(regenerate.verb, regenerate.data)).value as AdaptiveCard;
    const submit = form.actions![0]!;

    since = connector.calls.length;
    const started = Date.now();
    const answered = await invoke(submit.verb, { ...submit.data, tone: 'formal' });
    expect(Date.now() - started).toBeLessThan(redrawMs);
    expect(answered).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(answered.value).toMatch(/Working on it/);

    // Once the drafter is done, the draft card is redrawn in place with the new version, and not posted again.
    const redrawn = await connector.next((call) => call.method === 'PUT' && call.path.endsWith('/activities/activity-draft'), since, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(redrawMs - 50);
    expect(JSON.stringify(redrawn.body)).toMatch(/version 2/i);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls.slice(since).filter((call) => isPost(call) && /version 2/i.test(JSON.stringify(call.body)))).toEqual([]);
  }, 20_000);
});
