import Database from 'better-sqlite3';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelOutputError } from '../../../src/errors.ts';
import { createOpenAiEmbeddings } from '../../../src/retrieval/semantic/create-openai-embeddings.ts';
import { createSemanticRetriever, type SemanticRetriever } from '../../../src/retrieval/semantic/create-semantic-retriever.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { baseUrl, cosine, embeddingsModel, embeddingsReply, fakeEmbedding, fakeEmbeddingsServer } from './fake-embeddings-server.ts';
import { addTenant, makePolicyDb, policy, sectionId, versionIds } from './make-policy-db.ts';

const travel = policy(
  'travel',
  'Travel policy',
  `## Lodging

Book hotels through the travel portal. The nightly hotel limit is 250 USD including taxes.

## Airfare

Economy class is the default for flights under six hours.`,
);

const equipment = policy(
  'equipment',
  'Equipment policy',
  `## Laptops

Engineers get a new laptop every three years. Return the old laptop to IT.

## Phones

Company phones are issued to people on call.`,
);

// Another company with the same hotel rule, word for word: the closest text of all, and never acme's to see.
const globexTravel = policy('travel', 'Travel policy', '## Lodging\n\nBook hotels through the travel portal. The nightly hotel limit is 250 USD including taxes.');

const expenses = policy('expenses', 'Expenses policy', '## Meals\n\nDinner while travelling is reimbursed up to 60 USD with receipts.');

describe('semantic retrieval', () => {
  let db: Db;
  let retriever: SemanticRetriever;

  beforeEach(async () => {
    db = await makePolicyDb({ acme: { 'travel.md': travel, 'equipment.md': equipment }, globex: { 'travel.md': globexTravel } });
    retriever = createSemanticRetriever(db, createOpenAiEmbeddings({ apiKey: 'sk-test', baseUrl, model: embeddingsModel }), embeddingsModel);
  });
  afterEach(() => {
    nock.cleanAll();
    db.close();
  });

  const storedFor = (tenant: string) =>
    db.prepare('SELECT section_id, tenant, model, dimensions, vector FROM section_embeddings WHERE tenant = ? ORDER BY section_id').all(tenant) as {
      section_id: number; tenant: string; model: string; dimensions: number; vector: Buffer;
    }[];

  it('embeds each section of the tenant once, as its context line and body, and stores unit vectors', async () => {
    const { requests } = fakeEmbeddingsServer();

    expect(await retriever.embedPending('acme')).toBe(4);

    expect(requests).toHaveLength(1);
    expect(requests[0]?.input).toContain('Travel policy › Lodging\nBook hotels through the travel portal. The nightly hotel limit is 250 USD including taxes.');
    expect(requests[0]?.input.every((text) => !text.includes('globex'))).toBe(true);
    const rows = storedFor('acme');
    expect(rows.map((row) => row.section_id)).toEqual([
      sectionId(db, 'acme', 'travel', 'Lodging'), sectionId(db, 'acme', 'travel', 'Airfare'),
      sectionId(db, 'acme', 'equipment', 'Laptops'), sectionId(db, 'acme', 'equipment', 'Phones'),
    ].sort((a, b) => a - b));
    for (const row of rows) {
      expect(row).toMatchObject({ tenant: 'acme', model: embeddingsModel, dimensions: 8 });
      expect(row.vector.byteLength).toBe(32);
      const values = Array.from({ length: 8 }, (_, index) => row.vector.readFloatLE(index * 4));
      expect(Math.hypot(...values)).toBeCloseTo(1, 5);
    }
    expect(storedFor('globex')).toEqual([]);
  });

  it('is idempotent and later embeds only the sections added since', async () => {
    const { requests } = fakeEmbeddingsServer();
    await retriever.embedPending('acme');

    expect(await retriever.embedPending('acme')).toBe(0);
    expect(requests).toHaveLength(1);

    await addTenant(db, 'acme', { 'expenses.md': expenses });
    expect(await retriever.embedPending('acme')).toBe(1);
    expect(requests[1]?.input).toEqual(['Expenses policy › Meals\nDinner while travelling is reimbursed up to 60 USD with receipts.']);
  });

  it('reuses the vector of a text already embedded, such as an unchanged section of a new version', async () => {
    const { requests } = fakeEmbeddingsServer();
    await retriever.embedPending('acme');
    const travelV4 = travel.replace('version: "1"', 'version: "4"').replace('under six hours', 'under eight hours');
    await addTenant(db, 'acme', { 'travel.v4.md': travelV4 });

    expect(await retriever.embedPending('acme')).toBe(2);

    expect(requests[1]?.input).toEqual(['Travel policy › Airfare\nEconomy class is the default for flights under eight hours.']);
    const lodging = db
      .prepare(`SELECT e.vector FROM section_embeddings e JOIN sections s ON s.id = e.section_id WHERE s.tenant = 'acme' AND s.heading = 'Lodging'`)
      .all() as { vector: Buffer }[];
    expect(lodging).toHaveLength(2);
    expect(lodging[0]?.vector.equals(lodging[1]!.vector)).toBe(true);
  });

  it('sends at most 64 sections a request, each cut to about 8000 characters, and joins a run already going', async () => {
    const sections = Array.from({ length: 70 }, (_, index) => `## Rule ${index + 1}\n\nRule number ${index + 1} applies ${'everywhere '.repeat(index === 0 ? 1000 : 1)}`);
    await addTenant(db, 'initech', { 'handbook.md': policy('handbook', 'Handbook', sections.join('\n\n')) });
    const { requests } = fakeEmbeddingsServer();

    const [first, second] = await Promise.all([retriever.embedPending('initech'), retriever.embedPending('initech')]);

    expect([first, second]).toEqual([70, 70]);
    expect(requests.map((request) => request.input.length)).toEqual([64, 6]);
    expect(Math.max(...requests.flatMap((request) => request.input.map((text) => text.length)))).toBeLessThanOrEqual(8000);
  });

  it('ranks the semantically closest section first, with its cosine similarity', async () => {
    fakeEmbeddingsServer();
    await retriever.embedPending('acme');
    // Not one word in common with the Lodging section: what lexical search cannot find.
    const question = 'How much can I spend on accommodation per night?';

    const hits = await retriever.search('acme', versionIds(db, 'acme', 'travel', 'equipment'), question, 3);

    expect(hits).toHaveLength(3);
    expect(hits[0]?.sectionId).toBe(sectionId(db, 'acme', 'travel', 'Lodging'));
    const lodging = 'Travel policy › Lodging\nBook hotels through the travel portal. The nightly hotel limit is 250 USD including taxes.';
    expect(hits[0]?.similarity).toBeCloseTo(cosine(fakeEmbedding(question), fakeEmbedding(lodging)), 5);
    expect(hits.map((hit) => hit.similarity)).toEqual([...hits.map((hit) => hit.similarity)].sort((a, b) => b - a));

    const laptop = await retriever.search('acme', versionIds(db, 'acme', 'travel', 'equipment'), 'When do engineers get a new laptop?', 1);
    expect(laptop).toEqual([{ sectionId: sectionId(db, 'acme', 'equipment', 'Laptops'), similarity: expect.any(Number) }]);
  });

  it('never returns a section outside the given versions, nor another tenant’s', async () => {
    fakeEmbeddingsServer();
    await retriever.embedPending('acme');
    await retriever.embedPending('globex');
    const question = 'What is the nightly hotel limit when I book hotels?';

    const equipmentOnly = await retriever.search('acme', versionIds(db, 'acme', 'equipment'), question, 10);
    expect(equipmentOnly.map((hit) => hit.sectionId).sort()).toEqual([sectionId(db, 'acme', 'equipment', 'Laptops'), sectionId(db, 'acme', 'equipment', 'Phones')].sort());

    // globex's own versions, asked for as acme: the tenant check inside the query refuses them.
    expect(await retriever.search('acme', versionIds(db, 'globex', 'travel'), question, 10)).toEqual([]);
    expect(await retriever.search('acme', '[]', question, 10)).toEqual([]);
    expect(await retriever.search('globex', versionIds(db, 'globex', 'travel'), question, 10)).toEqual([
      { sectionId: sectionId(db, 'globex', 'travel', 'Lodging'), similarity: expect.any(Number) },
    ]);
  });

  it('does not call the endpoint before anything is embedded', async () => {
    const { requests } = fakeEmbeddingsServer();
    expect(await retriever.search('acme', versionIds(db, 'acme', 'travel'), 'hotel limit', 5)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('decodes the stored vectors once and again only after the tenant’s embeddings change', async () => {
    fakeEmbeddingsServer();
    await retriever.embedPending('acme');
    const statementPrototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Database.Statement;
    const all = vi.spyOn(statementPrototype, 'all');
    const vectorLoads = () => all.mock.contexts.filter((statement) => (statement as Database.Statement).source.includes('SELECT section_id, dimensions, vector')).length;
    const versions = () => versionIds(db, 'acme', 'travel', 'equipment', 'expenses');

    await retriever.search('acme', versions(), 'hotel limit', 2);
    await retriever.search('acme', versions(), 'laptop', 2);
    expect(vectorLoads()).toBe(1);

    await addTenant(db, 'acme', { 'expenses.md': expenses });
    await retriever.embedPending('acme');
    const hits = await retriever.search('acme', versions(), 'Is dinner reimbursed with receipts?', 1);
    expect(vectorLoads()).toBe(2);
    expect(hits[0]?.sectionId).toBe(sectionId(db, 'acme', 'expenses', 'Meals'));
  });

  it('stores nothing from a malformed reply and says what was wrong', async () => {
    fakeEmbeddingsServer((input, encoding) => embeddingsReply(input, encoding, (text, index) => fakeEmbedding(text).slice(0, index === 2 ? 7 : 8)));

    await expect(retriever.embedPending('acme')).rejects.toThrow(/unusable embeddings: vector 2: has 7 dimensions where vector 0 has 8/);
    expect(storedFor('acme')).toEqual([]);
  });

  it('refuses a model that changed dimensions under the same name', async () => {
    fakeEmbeddingsServer();
    await retriever.embedPending('acme');
    nock.cleanAll();
    fakeEmbeddingsServer((input, encoding) => embeddingsReply(input, encoding, (text) => fakeEmbedding(text, 6)));

    const failure = retriever.search('acme', versionIds(db, 'acme', 'travel'), 'hotel limit', 5);
    await expect(failure).rejects.toBeInstanceOf(ModelOutputError);
    await expect(failure).rejects.toThrow('the embeddings model "text-embedding-3-small" returned a 6-dimension vector for the question where the stored section embeddings have 8');

    await addTenant(db, 'acme', { 'expenses.md': expenses });
    await expect(retriever.embedPending('acme')).rejects.toThrow(/returned a 6-dimension vector where this tenant's embeddings have 8/);
  });
});
