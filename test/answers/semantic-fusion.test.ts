import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { createSemanticRetriever } from '../../src/retrieval/semantic/create-semantic-retriever.ts';
import type { EmbeddingsClient } from '../../src/retrieval/semantic/embeddings-client.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { smallTravelTenant } from '../support/small-travel-tenant.ts';

const sections = {
  lodging: 'The nightly cap for accommodation is 250 USD including taxes.',
  airfare: 'Economy class is the default for flights under six hours.',
};

/** A toy embedding: one dimension per topic, so "inn" and "accommodation" land close together. */
const topics = [
  ['accommodation', 'lodging', 'inn', 'motel', 'nightly', 'room'],
  ['airfare', 'flights', 'economy', 'plane'],
  ['price', 'pricey', 'cap', 'cost', 'usd'],
];
function embed(text: string): number[] {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return [...topics.map((topic) => words.filter((word) => topic.includes(word)).length), 0.1];
}
const toyEmbeddings: EmbeddingsClient = {
  embedDocuments: async (texts) => texts.map(embed),
  embedQuery: async (text) => embed(text),
};

describe('semantic retrieval fused with the lexical ranking', () => {
  let db: Db;
  beforeEach(async () => {
    db = await smallTravelTenant(sections);
  });
  afterEach(() => db.close());

  const question = 'how pricey can the inn be?';
  const ask = (deps: Partial<Parameters<typeof answerQuestion>[0]> = {}) =>
    answerQuestion({ db, answerer: createOfflineAnswerer(), ...deps }, { tenant: 'acme', asker: { by: 'id', value: 'ana' }, question });

  it('abstains on a question that shares no words with the policy when only lexical retrieval runs', async () => {
    expect((await ask()).status).toBe('abstained');
  });

  it('answers it from the section the embeddings find close in meaning', async () => {
    const semantic = createSemanticRetriever(db, toyEmbeddings, 'toy');
    expect(await semantic.embedPending('acme')).toBe(2);

    const result = await ask({ semantic });

    expect(result.status).toBe('answered');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', section: 'Lodging' });
    expect(result.answer).toContain('250 USD');
  });

  it('goes on lexically, with a warning, when the embeddings endpoint fails', async () => {
    const semantic = createSemanticRetriever(db, toyEmbeddings, 'toy');
    await semantic.embedPending('acme');
    const failing = { ...semantic, search: async () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const warnings: string[] = [];

    const result = await answerQuestion(
      { db, answerer: createOfflineAnswerer(), semantic: failing, onWarning: (message) => warnings.push(message) },
      { tenant: 'acme', asker: { by: 'id', value: 'ana' }, question: 'what is the nightly cap for accommodation?' },
    );

    expect(result.status).toBe('answered');
    expect(result.citations[0]).toMatchObject({ section: 'Lodging' });
    expect(warnings).toEqual(['semantic retrieval failed; answering from the lexical ranking alone']);
  });
});
