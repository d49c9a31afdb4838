import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../../src/comms/create-drafter.ts';
import type { Drafter } from '../../../src/comms/drafter.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadAcmeAnnouncementSettings } from '../../comms/support.ts';
import { loadExamples } from '../../support/examples.ts';
import { buttonClick, eventCallback, expectApiCall, mockAuthTest, startSlackService, submission } from './slack-harness.ts';

const form = { contentType: 'application/x-www-form-urlencoded' };
type Button = { action_id: string; value: string };

describe('announcement drafts in Slack', () => {
  let db: Db;
  let service: Awaited<ReturnType<typeof startSlackService>>;
  beforeAll(async () => {
    db = await loadExamples();
    loadAcmeAnnouncementSettings(db);
    service = await startSlackService(db);
  });
  afterAll(async () => {
    await service.close();
    db.close();
  });
  afterEach(() => nock.cleanAll());

  it('drafts in the DM, and the Edit button opens the draft in a modal whose submission redraws the card with version 2', async () => {
    mockAuthTest();
    const posted = expectApiCall('chat.postMessage');
    await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMENORA', text: 'draft an announcement about the new UK time-off rules for UK employees, friendly tone', ts: '1763900000.000900', channel: 'D0NORA' }));
    const message = await posted;
    expect(message.blocks).toContain('Template draft');
    const buttons = (JSON.parse(message.blocks!) as { type: string; elements?: Button[] }[]).find((block) => block.type === 'actions')!.elements!;
    const edit = buttons.find((button) => button.action_id.startsWith('draft.edit#'))!;
    // The button carries the key of its form, not the draft's text.
    expect(JSON.parse(edit.value)).toHaveProperty('_form');

    mockAuthTest();
    const opened = expectApiCall('views.open', { view: { id: 'V0EDIT' } });
    await service.post(buttonClick('U0ACMENORA', edit.action_id, edit.value, 'D0NORA'), form);
    const view = JSON.parse((await opened).view!) as { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    expect(view.callback_id).toBe('draft.edit');
    const text = view.blocks.find((block) => block.block_id === 'text')!.element!.initial_value!;
    expect(text.length).toBeGreaterThan(50);

    mockAuthTest();
    // The draft's card is redrawn in place with the new version.
    const redrawn = expectApiCall('chat.update');
    const edited = `${text}\nEveryone gets 40 days of leave.`;
    const response = await service.post(submission('U0ACMENORA', 'draft.edit', view.private_metadata, { text: { type: 'plain_text_input', value: edited } }), form);
    expect(response.status).toBe(200);
    const card = await redrawn;
    expect(card).toMatchObject({ channel: 'D0NORA', ts: '1763900001.000100' });
    // The planted claim is flagged by the claim check on the hand-edited version.
    expect(card.blocks).toMatch(/version 2/i);
    expect(card.blocks).toMatch(/40 days/);
    expect(card.blocks).toMatch(/unsupported|contradicted/i);
  });

  it('refuses a button whose form key is unknown or from another tenant', async () => {
    mockAuthTest();
    const refused = expectApiCall('chat.postMessage');
    await service.post(buttonClick('U0ACMENORA', 'draft.edit#3', JSON.stringify({ draft: '1', version: '1', _form: 'forged-key' }), 'D0NORA'), form);
    expect((await refused).text).toMatch(/not one I know/);
  });

  it('closes a modal within Slack’s 3 seconds when the work behind it is slow, and sends the result when it is ready', async () => {
    // A drafter that is quick the first time and takes 4 s to regenerate, like a model would.
    const template = await createDrafter({ llm: undefined });
    let calls = 0;
    const slow: Drafter = { name: 'slow', write: async (input) => (calls++ > 0 ? new Promise((resolve) => setTimeout(() => resolve(template.write(input)), 4000)) : template.write(input)) };
    const slowService = await startSlackService(db, { comms: { drafter: slow, membersOf: {} } });
    try {
      mockAuthTest();
      const posted = expectApiCall('chat.postMessage');
      await slowService.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMENORA', text: 'draft an announcement about the new UK time-off rules for UK employees', ts: '1763900000.000950', channel: 'D0NORA' }));
      const buttons = (JSON.parse((await posted).blocks!) as { type: string; elements?: Button[] }[]).find((block) => block.type === 'actions')!.elements!;
      const regenerate = buttons.find((button) => button.action_id.startsWith('draft.regenerate#'))!;
      mockAuthTest();
      const opened = expectApiCall('views.open', { view: { id: 'V0REGEN' } });
      await slowService.post(buttonClick('U0ACMENORA', regenerate.action_id, regenerate.value, 'D0NORA'), form);
      const view = JSON.parse((await opened).view!) as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe('draft.regenerate');

      mockAuthTest();
      const redrawn = expectApiCall('chat.update');
      let redrawnYet = false;
      void redrawn.then(() => (redrawnYet = true));
      const response = await slowService.post(submission('U0ACMENORA', 'draft.regenerate', view.private_metadata, { tone: { type: 'static_select', selected_option: { value: 'formal' } } }), form);
      // The modal was answered (closed, no errors) before the slow work was done.
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(redrawnYet).toBe(false);
      const card = await redrawn;
      expect(card.blocks).toMatch(/version 2/i);
    } finally {
      await slowService.close();
    }
  }, 15_000);
});
