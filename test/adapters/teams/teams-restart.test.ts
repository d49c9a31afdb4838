import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';
import { loadExamples } from '../../support/examples.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { eventually } from '../../support/eventually.ts';
import { connector, createSigningKey, personalMessage, startTeamsService, teamsUsers, useFakeConnector, type ConnectorCall } from './teams-harness.ts';

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
});
