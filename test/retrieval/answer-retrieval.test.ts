import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';

// Retrieval seen from outside, through answerQuestion only: what the handbook's
// messy Markdown turns into, and how questions as people type them find it.

let db: Db;
beforeAll(async () => {
  db = await loadExamples();
});
afterAll(() => db.close());

const ask = (as: string, question: string): Promise<AskResult> =>
  answerQuestion({ db, answerer: createOfflineAnswerer(), now: () => new Date('2026-06-15T09:00:00Z') }, { tenant: 'acme', asker: { by: 'id', value: as }, question });

describe('finding the passage that answers', () => {
  it('quotes the labelled row of an HTML table', async () => {
    const result = await ask('tom', 'What is the daily meal allowance in Germany?');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', section: '4. Meals and per diem', quote: 'Region: Germany and the rest of the EU; Daily meal allowance: €65 per day' });
  });

  it('quotes the labelled row of a pipe table', async () => {
    const result = await ask('tom', 'What is the hotel limit in London?');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', section: '3.1 Hotel limits' });
    expect(result.citations[0]!.quote).toMatch(/London.*Nightly limit: \$325/);
  });

  it('reads text that sat between template tags and under a setext heading', async () => {
    const result = await ask('tom', 'Can I expense alcohol?');
    expect(result.citations[0]).toMatchObject({ policyId: 'expenses', section: 'What we reimburse' });
    expect(result.citations[0]!.quote).toContain('We do not reimburse alcohol');
  });

  it('finds a list item of a nested list, and quotes the short list whole', async () => {
    const result = await ask('tom', 'Can I use a USB stick?');
    expect(result.citations[0]).toMatchObject({
      policyId: 'information-security',
      section: 'Devices',
      quote:
        'Lock your screen whenever you leave your laptop; it locks itself after 5 minutes. Company laptops are encrypted; do not turn encryption off. USB storage devices are blocked. Share files through Google Drive instead.',
    });
    // Nothing is left to go on with.
    expect(result.answer).not.toContain('It goes on');
  });

  it('tolerates a typo', async () => {
    const result = await ask('tom', 'How long does my pasword need to be?');
    expect(result.citations[0]).toMatchObject({ policyId: 'information-security', section: 'Passwords' });
  });

  it('knows the handbook\'s word for a chat word (accommodation → hotel)', async () => {
    const result = await ask('tom', 'What is the max for accommodation per night?');
    expect(result.status).toBe('answered');
    expect(result.citations.slice(0, 3).map((c) => c.section)).toContain('3.1 Hotel limits');
  });

  it('searches a confidential table only for its audience', async () => {
    const question = 'How fast must SEV2 incidents be paged?';
    expect((await ask('grace', question)).citations[0]!.quote).toContain('Page within: 1 hour');
    const outsider = await ask('tom', question);
    expect(outsider.status).toBe('abstained');
    expect(JSON.stringify(outsider)).not.toMatch(/SEV2|1 hour|Page within/);
  });

  it('abstains on a topic the handbook does not cover', async () => {
    expect((await ask('tom', 'What is the policy on stock options vesting?')).status).toBe('abstained');
  });
});
