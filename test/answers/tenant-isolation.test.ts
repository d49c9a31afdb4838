import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import { ingestPolicies } from '../../src/policies/ingest-policies.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { makeTenant } from '../support/make-tenant.ts';
import { tempDir } from '../support/temp-dir.ts';

const now = () => new Date('2026-06-15T09:00:00Z');
const ask = (db: Db, tenant: string, as: string, question: string) =>
  answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant, asker: { by: 'id', value: as }, question });

describe('tenant isolation in the examples', () => {
  let db: Db;
  beforeAll(async () => {
    db = await loadExamples();
  });
  afterAll(() => db.close());

  it('answers the same question from each tenant\'s own policy', async () => {
    const acme = await ask(db, 'acme', 'tom', 'What is the hotel limit per night?');
    const globex = await ask(db, 'globex', 'homer', 'What is the hotel limit per night?');
    expect(acme.citations[0]).toMatchObject({ policyId: 'travel', version: '4.2', title: 'Travel policy' });
    expect(globex.citations[0]).toMatchObject({ policyId: 'travel', version: '1.0', title: 'Globex travel guidelines' });
    expect(globex.citations[0]!.quote).toContain('$400');
    expect(JSON.stringify(acme)).not.toMatch(/\$400|Globex/);
    expect(JSON.stringify(globex)).not.toMatch(/\$250|\$325|TripDesk|Acme/);
  });

  it('never answers from another tenant\'s policy that has no counterpart at home', async () => {
    const result = await ask(db, 'acme', 'tom', 'Can I bring my dog to the office on Fridays?');
    expect(result.citations.map((c) => c.policyId)).not.toContain('office-pets');
    expect(JSON.stringify(result)).not.toMatch(/dog|house-trained|Office pets/i);
  });

  it('gives an admin of one tenant nothing of another tenant\'s confidential policies', async () => {
    const result = await ask(db, 'globex', 'hank', 'What is the bridge passphrase for a SEV1 incident?');
    expect(result.status).toBe('abstained');
    expect(JSON.stringify(result)).not.toMatch(/KESTREL|incident-response|security/i);
  });

  it('cites, for every person and question, only versions of their own tenant', async () => {
    const questions = ['What is the hotel limit per night?', 'Can I fly business class?', 'Are dogs allowed in the office?', 'How many days of PTO do I get?'];
    const own = (tenant: string) => new Set(loadCatalog(db, tenant).versions.map((v) => `${v.policyId}@${v.version}@${v.title}`));
    for (const [tenant, people] of [['acme', ['tom', 'amelia', 'olga']], ['globex', ['hank', 'homer']]] as const) {
      const allowed = own(tenant);
      for (const as of people) {
        for (const question of questions) {
          for (const c of (await ask(db, tenant, as, question)).citations) expect(allowed).toContain(`${c.policyId}@${c.version}@${c.title}`);
        }
      }
    }
  });

  it('does not know people from another tenant, even with their platform ids', async () => {
    const result = await answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant: 'globex', asker: { by: 'slackId', value: 'U0ACMETOM' }, question: 'What is the hotel limit?' });
    expect(result).toMatchObject({ status: 'refused', reason: 'unknown_user' });
  });
});

describe('tenant isolation with colliding ids', () => {
  it('keeps two tenants apart when they share user ids, policy ids and versions', async () => {
    const policy = (limit: string) =>
      `---\nid: travel\ntitle: Travel policy\nversion: "1"\neffective: 2025-01-01\nowner: finance\n---\n\n# Travel policy\n\n## Lodging\n\nThe nightly hotel limit is ${limit}.\n`;
    const directory = { users: [{ id: 'ana', name: 'Ana Souza', roles: ['employee'] }], groups: [{ id: 'finance', name: 'Finance', members: [] }] };
    const { db } = await makeTenant('north', { 'travel.md': policy('$200') }, directory);
    // A second tenant in the same database, with the same ids and different text.
    const south = tempDir();
    writeFileSync(join(south, 'travel.md'), policy('$900'));
    saveDirectory(db, 'south', directory);
    expect((await ingestPolicies(db, 'south', south)).added).toEqual(['travel.md']);

    const northAnswer = await ask(db, 'north', 'ana', 'What is the hotel limit per night?');
    const southAnswer = await ask(db, 'south', 'ana', 'What is the hotel limit per night?');
    expect(northAnswer.citations[0]!.quote).toContain('$200');
    expect(JSON.stringify(northAnswer)).not.toContain('$900');
    expect(southAnswer.citations[0]!.quote).toContain('$900');
    expect(JSON.stringify(southAnswer)).not.toContain('$200');
    expect(db.prepare('SELECT tenant, count(*) AS n FROM answers GROUP BY tenant ORDER BY tenant').all()).toEqual([
      { tenant: 'north', n: 1 },
      { tenant: 'south', n: 1 },
    ]);
    db.close();
  });
});
