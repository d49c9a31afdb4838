import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { eventually } from '../../support/eventually.ts';
import { actionInvoke, channelMention, connector, createSigningKey, personalConversation, personalMessage, salesChannel, startTeamsService, teamsUsers, useFakeConnector, type ConnectorCall } from './teams-harness.ts';

const key = createSigningKey();
useFakeConnector(key);

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
const rowsOf = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT state, body IS NOT NULL AS kept, attempts FROM teams_activities').all();

describe('a restart in the middle of work', () => {
  it('answers, once, a question its first process acknowledged with 200 and then died before answering', async () => {
    const file = `${tempDir()}/teams.db`;
    const started = Date.now();
    // The first process answers the Bot Connector 200 at once (the answer is written after the response), then
    // never gets past the answerer: it is gone. The Bot Connector had its 200 and will not send the activity again.
    const first = await loadExamples(file);
    const dying: Answerer = { name: 'dying', answer: () => new Promise(() => undefined) };
    const before = await startTeamsService(first, { key, answerer: dying, now: () => new Date(started) });
    const message = personalMessage(teamsUsers.ana, 'What is the hotel limit per night?');
    const since = connector.calls.length;
    expect((await before.post(message)).status).toBe(200);
    await eventually(() => (first.prepare("SELECT count(*) AS n FROM teams_activities WHERE state = 'processing'").get() as { n: number }).n === 1);
    await before.close();

    // The next process on the same database takes it up once its lease has run out, from the body the claim kept.
    const second = openDatabase(file);
    let clock = started + 30_000;
    const after = await startTeamsService(second, { key, now: () => new Date(clock) });
    try {
      expect(await after.bot.redeliveries.runOnce()).toBe(0);
      clock = started + 61_000;
      expect(await after.bot.redeliveries.runOnce()).toBe(1);
      const answer = await connector.next(isPost, since);
      expect(answer.path).toContain(`a:personal-${teamsUsers.ana.id}/activities`);
      expect((answer.body as { text: string }).text).toMatch(/\[1\]/);
      await eventually(() => (second.prepare("SELECT state FROM teams_activities").get() as { state: string }).state === 'done');

      // Done now: neither another sweep nor a late redelivery from the Bot Connector answers it again.
      clock = started + 200_000;
      expect(await after.bot.redeliveries.runOnce()).toBe(0);
      expect((await after.post(message)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(connector.calls.slice(since).filter(isPost)).toHaveLength(1);
      expect(rowsOf(second)).toEqual([{ state: 'done', kept: 0, attempts: 2 }]);
    } finally {
      await after.close();
      second.close();
      first.close();
    }
  });

  it('puts the answer in the placeholder its dead process showed in the thread, rather than leave it there and post another', async () => {
    const file = `${tempDir()}/teams.db`;
    const started = Date.now();
    // The first process shows the placeholder in the channel thread, then dies before the answer is ready.
    const first = await loadExamples(file);
    const dying: Answerer = { name: 'dying', answer: () => new Promise(() => undefined) };
    const before = await startTeamsService(first, { key, answerer: dying, placeholderAfterMs: 10, now: () => new Date(started) });
    const mention = channelMention(teamsUsers.ana, 'What is the hotel limit per night?');
    const since = connector.calls.length;
    expect((await before.post(mention)).status).toBe(200);
    const shown = await connector.next((call) => isPost(call) && /Looking that up/.test(JSON.stringify(call.body)), since);
    expect(shown.path).toContain(`${salesChannel};messageid=`);
    await eventually(() => (first.prepare('SELECT placeholder FROM teams_activities').get() as { placeholder: string | null }).placeholder !== null);
    const { placeholder } = first.prepare('SELECT placeholder FROM teams_activities').get() as { placeholder: string };
    await before.close();

    const second = openDatabase(file);
    const after = await startTeamsService(second, { key, now: () => new Date(started + 61_000) });
    try {
      expect(await after.bot.redeliveries.runOnce()).toBe(1);
      const update = await connector.next((call) => call.method === 'PUT' && call.path.endsWith(`/activities/${placeholder}`), since);
      expect((update.body as { text: string }).text).toMatch(/\[1\]/);
      await eventually(() => (second.prepare('SELECT state FROM teams_activities').get() as { state: string }).state === 'done');
      // The placeholder was the only post in the thread.
      expect(connector.calls.slice(since).filter(isPost)).toEqual([shown]);
    } finally {
      await after.close();
      second.close();
      first.close();
    }
  });

  it('answers a question again once its claim lapses when the answer’s post was dropped after Teams had its 200', async () => {
    const started = Date.now();
    let clock = started;
    const db = await loadExamples(`${tempDir()}/teams.db`);
    const service = await startTeamsService(db, { key, now: () => new Date(clock) });
    let dropped = 0;
    connector.respond = (call) => (isPost(call) && call.path.includes(`a:personal-${teamsUsers.ana.id}`) && dropped++ === 0 ? 'drop' : undefined);
    try {
      const since = connector.calls.length;
      expect((await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'))).status).toBe(200);
      await eventually(() => dropped === 1);
      // The claim stays: nothing is lost.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(db.prepare('SELECT state FROM teams_activities').get()).toEqual({ state: 'processing' });
      clock = started + 61_000;
      expect(await service.bot.redeliveries.runOnce()).toBe(1);
      const answer = await connector.next((call) => isPost(call) && call.path.includes(`a:personal-${teamsUsers.ana.id}`), connector.calls.findIndex((call, at) => at >= since && isPost(call)) + 1);
      expect((answer.body as { text: string }).text).toMatch(/\[1\]/);
      await eventually(() => (db.prepare('SELECT state FROM teams_activities').get() as { state: string }).state === 'done');
    } finally {
      connector.respond = undefined;
      await service.close();
      db.close();
    }
  });

  it('does, once, a button press whose process died before answering the invoke, though the Bot Connector’s retry came while its lease lasted', async () => {
    const file = `${tempDir()}/teams.db`;
    const started = Date.now();
    const first = await loadExamples(file);
    const before = await startTeamsService(first, { key, now: () => new Date(started) });
    const since = connector.calls.length;
    await before.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'));
    await connector.next(isPost, since);
    const { id: answerId } = first.prepare('SELECT max(id) AS id FROM answers').get() as { id: number };

    // Ana presses 👍 from a device Teams names by another object id: looking her up at the connector never returns,
    // and the process dies with the invoke unanswered.
    const elsewhere = { ...teamsUsers.ana, id: '29:1ana-mobile', aadObjectId: '9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a' };
    const press = actionInvoke(elsewhere, 'answer.feedback', { answerId: String(answerId), helpful: 'yes' }, { conversation: personalConversation(teamsUsers.ana) });
    const isMemberLookup = (call: ConnectorCall) => call.method === 'GET' && call.path.includes('/members/');
    connector.respond = (call) => (isMemberLookup(call) ? 'hang' : undefined);
    const lookups = connector.calls.length;
    const aborted = new AbortController();
    const unanswered = before.post(press, { signal: aborted.signal }).catch((error: unknown) => error);
    await connector.next(isMemberLookup, lookups);
    aborted.abort();
    await unanswered;
    await before.close();
    expect(rowsOf(first)).toContainEqual({ state: 'processing', kept: 1, attempts: 1 });

    connector.respond = (call) => (isMemberLookup(call) ? [200, { ...elsewhere, email: 'ana.souza@acme.example' }] : undefined);
    const second = openDatabase(file);
    let clock = started + 5_000;
    const after = await startTeamsService(second, { key, now: () => new Date(clock) });
    const feedback = () => second.prepare('SELECT person, helpful FROM answer_feedback WHERE answer_id = ?').all(answerId);
    try {
      // The Bot Connector's retry comes while the dead process's lease lasts: acknowledged, and nothing done yet.
      expect((await after.post(press)).status).toBe(200);
      expect(feedback()).toEqual([]);
      // Once the lease has run out, the runner does it from the kept body.
      clock = started + 61_000;
      expect(await after.bot.redeliveries.runOnce()).toBe(1);
      expect(feedback()).toEqual([{ person: 'ana', helpful: 1 }]);
      // A late retry gets the invoke response the runner's turn gave; nothing is done again.
      clock = started + 200_000;
      const late = await after.post(press);
      expect(await late.json()).toMatchObject({ value: expect.stringMatching(/Thanks for the feedback/) });
      expect(await after.bot.redeliveries.runOnce()).toBe(0);
      expect(second.prepare('SELECT state, body IS NOT NULL AS kept, attempts FROM teams_activities WHERE delivery_key LIKE ?').get('%|f:%')).toEqual({ state: 'done', kept: 0, attempts: 2 });
    } finally {
      connector.respond = undefined;
      await after.close();
      second.close();
      first.close();
    }
  });

  it('keeps the claim of a question still being answered past the lease alive, so no sweep answers it a second time', async () => {
    const db = await loadExamples(`${tempDir()}/teams.db`);
    const started = Date.now();
    let clock = started;
    let release: () => void = () => undefined;
    const offline = createOfflineAnswerer();
    // A model taking its time: the answer waits until the test lets it go.
    const slow: Answerer = { name: 'slow', answer: async (input) => (await new Promise<void>((resolve) => (release = resolve)), offline.answer(input)) };
    const service = await startTeamsService(db, { key, answerer: slow, now: () => new Date(clock), heartbeatMs: 20, placeholderAfterMs: 600_000 });
    const since = connector.calls.length;
    try {
      expect((await service.post(personalMessage(teamsUsers.ana, 'What is the hotel limit per night?'))).status).toBe(200);
      await eventually(() => (db.prepare("SELECT count(*) AS n FROM teams_activities WHERE state = 'processing'").get() as { n: number }).n === 1);

      // Past the first lease: the heartbeat has renewed it, so a sweep (this process's or another's) leaves it alone.
      clock = started + 50_000;
      // Wait for a heartbeat to have renewed it at that time (not a fixed sleep: a busy machine runs timers late).
      const renewed = new Date(started + 50_000).toISOString();
      await eventually(() => (db.prepare('SELECT updated_at FROM teams_activities').get() as { updated_at: string }).updated_at >= renewed);
      clock = started + 61_000;
      expect(await service.bot.redeliveries.runOnce()).toBe(0);

      release();
      const answer = await connector.next(isPost, since);
      expect((answer.body as { text: string }).text).toMatch(/\[1\]/);
      await eventually(() => (db.prepare('SELECT state FROM teams_activities').get() as { state: string }).state === 'done');
      clock = started + 200_000;
      expect(await service.bot.redeliveries.runOnce()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connector.calls.slice(since).filter(isPost)).toHaveLength(1);
    } finally {
      await service.close();
      db.close();
    }
  });
});
