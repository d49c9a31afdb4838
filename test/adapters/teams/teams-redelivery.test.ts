import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { actionInvoke, connector, createSigningKey, personalConversation, personalMessage, startTeamsService, teamsUsers, useFakeConnector, type ConnectorCall, type TeamsService } from './teams-harness.ts';

const key = createSigningKey();
useFakeConnector(key);

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
const isMemberLookup = (call: ConnectorCall) => call.method === 'GET' && call.path.includes('/members/');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ana on a device Teams names by another object id: who she is takes a connector lookup, which the tests make slow. */
const anaElsewhere = { ...teamsUsers.ana, id: '29:1ana-tablet', aadObjectId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' };

describe('an invoke Teams sends again while its first delivery is still being processed', () => {
  let db: Db;
  let service: TeamsService;
  let answerId: number;

  beforeAll(async () => {
    db = await loadExamples();
    service = await startTeamsService(db, { key, repeatWaitMs: 400 });
    const since = connector.calls.length;
    await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'));
    await connector.next(isPost, since);
    ({ id: answerId } = db.prepare('SELECT max(id) AS id FROM answers').get() as { id: number });
  });
  afterAll(async () => {
    connector.respond = undefined;
    await service.close();
    db.close();
  });

  /** Ana's 👍 from her tablet, with the lookup of who she is answered after `lookupMs`. */
  function pressSlowly(lookupMs: number) {
    connector.respond = (call) => (isMemberLookup(call) ? sleep(lookupMs).then(() => [200, { id: anaElsewhere.id, email: 'ana.souza@acme.example', name: 'Ana Souza' }]) : undefined);
    return actionInvoke(anaElsewhere, 'answer.feedback', { answerId: String(answerId), helpful: 'yes' }, { conversation: personalConversation(teamsUsers.ana) });
  }

  it('gets the first delivery’s response once it is given, not an empty body', async () => {
    const press = pressSlowly(200);
    const lookups = connector.calls.length;
    const first = service.post(press);
    await connector.next(isMemberLookup, lookups);
    const repeat = await service.post(press);
    const answered = await first;
    expect(answered.status).toBe(200);
    const body: unknown = await answered.json();
    expect(body).toMatchObject({ statusCode: 200 });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(body);
    // Processed once: one lookup, one 👍.
    expect(connector.calls.slice(lookups).filter(isMemberLookup)).toHaveLength(1);
    expect(db.prepare('SELECT count(*) AS n FROM answer_feedback WHERE answer_id = ?').get(answerId)).toEqual({ n: 1 });
  });

  it('is told the work is under way when the first delivery takes longer than Teams waits, and later gets its response', async () => {
    const press = pressSlowly(1000);
    const lookups = connector.calls.length;
    const first = service.post(press);
    await connector.next(isMemberLookup, lookups);
    const repeat = await service.post(press);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/Working on it/) });
    const body: unknown = await (await first).json();
    expect(await (await service.post(press)).json()).toEqual(body);
  });
});
