import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import type { ChatDriver, Who } from './chat-driver.ts';
import { slackDriver } from './slack-driver.ts';
import { teamsDriver } from './teams-driver.ts';

/**
 * The same scenarios, written once, run against every chat adapter through
 * its real HTTP endpoint: Slack (signed Bolt requests) and Teams (activities
 * with Bot Framework tokens). Each asserts outcomes a person would see, in
 * the terms every platform shares.
 */
describe.each([slackDriver, teamsDriver])('chat contract', (makeDriver) => {
  const driver: ChatDriver = makeDriver();
  let db: Db;

  beforeAll(async () => {
    db = await loadExamples();
    await driver.start(db);
  });
  afterAll(async () => {
    await driver.stop();
  });

  /** A request of Tom's to the travel policy, opened through the shared core (as any channel opens it). */
  async function tomsRequest(): Promise<number> {
    const deps: ChatDeps = { db, answerer: createOfflineAnswerer(), now: () => new Date() };
    const conversation = { id: 'contract:tom', shared: false };
    const [answer] = await routeEvent(deps, { kind: 'message', tenant: 'acme', personId: 'tom', text: 'Can I fly business class on a long flight?', conversation });
    if (answer?.kind !== 'card') throw new Error('expected an answer');
    const open = answer.card.actions.find((action) => action.id === 'exception.open')!;
    const [sent] = await routeEvent(deps, { kind: 'form', tenant: 'acme', personId: 'tom', form: 'exception.intake', value: open.value, fields: { justification: 'A 14-hour overnight flight into a customer workshop.' }, conversation });
    return Number(/#(\d+)/.exec(JSON.stringify(sent))![1]);
  }

  it(`${driver.name}: a question in a personal chat is answered there, with its sources`, async () => {
    const outcome = await driver.ask('ana', 'What is the hotel limit per night?', { personal: true });
    expect(outcome).toMatchObject({ answeredIn: 'conversation', refusal: undefined });
    expect(outcome.cited).toContain('Travel policy, version 4.2');
  });

  it(`${driver.name}: a channel question whose source not every member may see goes to the asker alone`, async () => {
    const members: Who[] = ['sam', 'tom'];
    const outcome = await driver.ask('sam', 'How soon must an investigation case be opened in LANTERN after a complaint?', { channel: true, members });
    expect(outcome).toMatchObject({ answeredIn: 'asker', conversationSawPolicyText: false });
    expect(outcome.cited).toContain('Workplace investigations procedure, version 1.0');
  });

  it(`${driver.name}: a channel question every member may see is answered in the channel`, async () => {
    const outcome = await driver.ask('ana', 'What is the hotel limit per night?', { channel: true, members: ['ana', 'tom', 'dev'] });
    expect(outcome).toMatchObject({ answeredIn: 'conversation', conversationSawPolicyText: true });
  });

  it(`${driver.name}: someone the directory does not know is refused with a reason`, async () => {
    const outcome = await driver.ask('stranger', 'What is the hotel limit per night?', { personal: true });
    expect(outcome).toMatchObject({ answeredIn: 'nowhere', cited: [] });
    expect(outcome.refusal).toMatch(/couldn't find you/);
  });

  it(`${driver.name}: the requester cannot approve their own request`, async () => {
    const id = await tomsRequest();
    const outcome = await driver.approve('tom', id);
    expect(outcome.decided).toBe(false);
    expect(outcome.told).toMatch(/your own/i);
  });

  it(`${driver.name}: a reviewer's approval decides once, even when clicked twice`, async () => {
    const id = await tomsRequest();
    expect((await driver.approve('dev', id)).decided).toBe(true);
    const second = await driver.approve('dev', id);
    expect(second.decided).toBe(false);
    expect(second.told).toMatch(/already approved/);
    expect(db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided' AND subject = ?").get(`exception:${id}`)).toEqual({ n: 1 });
  });
});
