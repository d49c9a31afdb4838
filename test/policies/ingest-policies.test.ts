import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import { PolicyFileError } from '../../src/errors.ts';
import { ingestPolicies, listPolicyFiles } from '../../src/policies/ingest-policies.ts';
import { catalogGeneration, loadCatalog } from '../../src/policies/load-catalog.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';
import { baseMetadata, policyText } from '../support/policy-text.ts';
import { tempDir } from '../support/temp-dir.ts';

const travel = policyText(baseMetadata, '# Travel policy\n\n## 3.1 Lodging\n\nThe hotel limit is $250 per night.\n');
const pto = policyText(
  { id: 'pto', title: 'Paid time off', version: '5.0', effective: '2026-01-01', owner: 'hr' },
  '# Paid time off\n\n## Allowance\n\nYou receive 20 days of paid time off per year.\n',
);
const ptoUk = policyText(
  { id: 'pto', title: 'Paid time off (UK)', version: '5.0', effective: '2026-01-01', owner: 'hr', jurisdiction: 'UK' },
  '# Paid time off (UK)\n\n## Allowance\n\nYou receive 25 days of annual leave plus bank holidays.\n',
);

function writePolicies(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** What someone in the tenant is told about the hotel limit: the text ingest kept, seen the way people see it. */
async function hotelAnswer(db: Db, tenant = 'acme'): Promise<string> {
  saveDirectory(db, tenant, { users: [{ id: 'ana', name: 'Ana Souza', roles: ['employee'] }], groups: [] });
  const result = await answerQuestion(
    { db, answerer: createOfflineAnswerer(), now: () => new Date('2026-06-15T09:00:00Z') },
    { tenant, asker: { by: 'id', value: 'ana' }, question: 'What is the hotel limit per night?' },
  );
  return result.citations.map((c) => `${c.policyId}@${c.version}: ${c.quote}`).join('\n');
}

describe('ingesting a folder of policies', () => {
  let db: Db;
  let dir: string;
  beforeEach(() => {
    db = openDatabase(':memory:');
    dir = tempDir();
  });
  afterEach(() => db.close());

  it('adds every policy below the folder, reporting file names relative to it', async () => {
    writePolicies(dir, { 'finance/travel.md': travel, 'hr/pto.md': pto, 'hr/pto.uk.md': ptoUk });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report).toEqual({ added: ['finance/travel.md', 'hr/pto.md', 'hr/pto.uk.md'], updated: [], unchanged: [], problems: [], warnings: [] });
    const versions = loadCatalog(db, 'acme').versions.map((v) => ({ id: v.policyId, version: v.version, jurisdiction: v.jurisdiction }));
    expect(versions).toEqual([
      { id: 'pto', version: '5.0', jurisdiction: undefined },
      { id: 'pto', version: '5.0', jurisdiction: 'UK' },
      { id: 'travel', version: '4.2', jurisdiction: undefined },
    ]);
    expect(await hotelAnswer(db)).toContain('travel@4.2: The hotel limit is $250 per night.');
  });

  it('changes nothing when the same files are ingested again', async () => {
    writePolicies(dir, { 'travel.md': travel, 'pto.md': pto });
    await ingestPolicies(db, 'acme', dir);
    const generation = catalogGeneration(db, 'acme');
    const versions = loadCatalog(db, 'acme').versions;
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report).toEqual({ added: [], updated: [], unchanged: ['pto.md', 'travel.md'], problems: [], warnings: [] });
    expect(catalogGeneration(db, 'acme')).toBe(generation);
    expect(loadCatalog(db, 'acme').versions).toEqual(versions);
  });

  it('refuses new text under an existing version, naming the file, and still ingests the other files', async () => {
    writePolicies(dir, { 'travel.md': travel });
    await ingestPolicies(db, 'acme', dir);
    writePolicies(dir, { 'travel.md': travel.replace('$250', '$275'), 'pto.md': pto });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.added).toEqual(['pto.md']);
    expect(report.problems).toEqual([
      {
        file: 'travel.md',
        field: 'version',
        message: expect.stringMatching(/^travel\.md \(version\): the text of travel version 4\.2 changed since it was ingested.*new version/),
      },
    ]);
    // The text people were answered from is kept.
    const answer = await hotelAnswer(db);
    expect(answer).toContain('$250');
    expect(answer).not.toContain('$275');
  });

  it('accepts the new text under a new version, keeping the old one', async () => {
    writePolicies(dir, { 'travel.md': travel });
    await ingestPolicies(db, 'acme', dir);
    writePolicies(dir, { 'travel.md': policyText({ ...baseMetadata, version: '4.3' }, '# Travel policy\n\n## 3.1 Lodging\n\nThe hotel limit is $275 per night.\n') });
    expect((await ingestPolicies(db, 'acme', dir)).added).toEqual(['travel.md']);
    expect(loadCatalog(db, 'acme').versions.map((v) => v.version)).toEqual(['4.2', '4.3']);
    expect(await hotelAnswer(db)).toContain('travel@4.3: The hotel limit is $275 per night.');
  });

  it('updates a version in place when only its metadata changed', async () => {
    writePolicies(dir, { 'travel.md': travel });
    await ingestPolicies(db, 'acme', dir);
    const before = loadCatalog(db, 'acme');
    writePolicies(dir, { 'travel.md': policyText({ ...baseMetadata, status: 'retired', review_by: '2027-01-01' }, '# Travel policy\n\n## 3.1 Lodging\n\nThe hotel limit is $250 per night.\n') });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report).toEqual({ added: [], updated: ['travel.md'], unchanged: [], problems: [], warnings: [] });
    const after = loadCatalog(db, 'acme');
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(after.versions).toHaveLength(1);
    expect(after.versions[0]).toMatchObject({ versionId: before.versions[0]!.versionId, status: 'retired', reviewBy: '2027-01-01' });
  });

  it('rebuilds the sections of an unchanged file that a newer parser reads differently', async () => {
    writePolicies(dir, { 'travel.md': travel });
    await ingestPolicies(db, 'acme', dir);
    // What an older parser would have stored: same file, other text.
    db.prepare("UPDATE policy_versions SET text_hash = 'older-parser'").run();
    db.prepare("UPDATE section_texts SET body = 'The hotel limit is 250.'").run();
    const sectionsBefore = db.prepare('SELECT count(*) AS n FROM sections').get() as { n: number };

    const report = await ingestPolicies(db, 'acme', dir);

    expect(report).toEqual({ added: [], updated: ['travel.md'], unchanged: [], problems: [], warnings: [] });
    expect(db.prepare('SELECT count(*) AS n FROM sections').get()).toEqual(sectionsBefore);
    expect(await hotelAnswer(db)).toContain('travel@4.2: The hotel limit is $250 per night.');
    // The texts the old sections held, and nothing else holds, are gone from the index too.
    expect(db.prepare("SELECT count(*) AS n FROM section_texts WHERE body = 'The hotel limit is 250.'").get()).toEqual({ n: 0 });
    expect((await ingestPolicies(db, 'acme', dir)).unchanged).toEqual(['travel.md']);
  });

  it('refuses a second file with the same id and version, naming both files', async () => {
    writePolicies(dir, { 'a/travel.md': travel, 'b/travel-copy.md': travel.replace('$250', '$300') });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.added).toEqual(['a/travel.md']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ field: 'version' });
    expect(report.problems[0]!.message).toContain('b/travel-copy.md');
    expect(report.problems[0]!.message).toContain('travel version 4.2 is also defined in a/travel.md');
  });

  it('finds duplicates across write batches too', async () => {
    writePolicies(dir, { '1-travel.md': travel, '2-pto.md': pto, '3-travel-again.md': travel });
    const report = await ingestPolicies(db, 'acme', dir, { batchSize: 1 });
    expect(report.added).toEqual(['1-travel.md', '2-pto.md']);
    expect(report.problems.map((p) => p.field)).toEqual(['version']);
  });

  it('keeps a jurisdiction variant with the same id and version apart from the general version', async () => {
    writePolicies(dir, { 'pto.md': pto, 'pto.uk.md': ptoUk });
    expect((await ingestPolicies(db, 'acme', dir)).problems).toEqual([]);
  });

  it('reports a bad file with its field and goes on with the rest', async () => {
    writePolicies(dir, { 'bad.md': policyText({ ...baseMetadata, id: 'bad', effective: '2026-02-30' }), 'pto.md': pto, 'travel.md': travel });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.added).toEqual(['pto.md', 'travel.md']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.field).toBe('effective');
    expect(report.problems[0]!.file).toBe('bad.md');
    expect(report.problems[0]!.message).toMatch(/^bad\.md \(effective\): "2026-02-30" is not a date/);
  });

  it('names every refused file relative to the folder, as it names the files it ingested', async () => {
    writePolicies(dir, { 'hr/bad.md': policyText({ ...baseMetadata, id: 'bad', effective: '2026-02-30' }), 'hr/remote.docx': 'not a Word document', 'hr/remote.yml': 'id: [remote\n' });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.problems.map(({ file, field }) => ({ file, field }))).toEqual([
      { file: 'hr/bad.md', field: 'effective' },
      { file: 'hr/remote.yml', field: 'front-matter' },
    ]);
    expect(report.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^hr\/bad\.md \(effective\): /), expect.stringMatching(/^hr\/remote\.yml \(front-matter\): /)]);
  });

  it('refuses a file that is not UTF-8 and reads one saved as UTF-16, going on with the rest', async () => {
    writePolicies(dir, { 'travel.md': travel });
    writeFileSync(join(dir, 'cafe.md'), Buffer.from(policyText({ ...baseMetadata, id: 'cafe', title: 'Café policy' }, '# Café\n\nThe café serves free coffee.\n'), 'latin1'));
    writeFileSync(join(dir, 'pto.md'), Buffer.from(`\uFEFF${pto}`, 'utf16le'));
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.added).toEqual(['pto.md', 'travel.md']);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.message).toMatch(/cafe\.md: not UTF-8 text: line \d+ has bytes that are not UTF-8/);
    expect(loadCatalog(db, 'acme').versions.map((v) => v.title)).toEqual(['Paid time off', 'Travel policy']);
  });

  it('warns of an owner that is not a group of the tenant\'s directory, and still ingests the file', async () => {
    saveDirectory(db, 'acme', { users: [{ id: 'ana', name: 'Ana Souza', roles: ['employee'] }], groups: [{ id: 'finance', name: 'Finance', members: [] }] });
    writePolicies(dir, { 'hr/pto.md': pto, 'travel.md': travel });
    const report = await ingestPolicies(db, 'acme', dir);
    expect(report.added).toEqual(['hr/pto.md', 'travel.md']);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([
      { file: 'hr/pto.md', field: 'owner', message: 'hr/pto.md (owner): "hr" is not a group in the directory of acme: an abstention would send people to a team that does not exist' },
    ]);
    // Unchanged on the next run, and still wrong: still said.
    expect((await ingestPolicies(db, 'acme', dir)).warnings.map((w) => w.file)).toEqual(['hr/pto.md']);
  });

  it('checks no owner for a tenant without a directory', async () => {
    writePolicies(dir, { 'pto.md': pto });
    expect((await ingestPolicies(db, 'acme', dir)).warnings).toEqual([]);
  });

  it('keeps tenants apart: the same policy id and version may exist in two tenants', async () => {
    writePolicies(dir, { 'travel.md': travel });
    await ingestPolicies(db, 'acme', dir);
    expect((await ingestPolicies(db, 'globex', dir)).added).toEqual(['travel.md']);
    expect(loadCatalog(db, 'acme').versions).toHaveLength(1);
    expect(loadCatalog(db, 'globex').versions).toHaveLength(1);
    expect(catalogGeneration(db, 'initech')).toBe(0);
  });

  it('reports progress, once per batch', async () => {
    writePolicies(dir, { 'a.md': travel, 'b.md': pto, 'c.md': ptoUk });
    const progress: [number, number][] = [];
    await ingestPolicies(db, 'acme', dir, { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[2, 3], [3, 3]]);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(ingestPolicies(db, 'acme', join(dir, 'missing'))).rejects.toBeInstanceOf(PolicyFileError);
  });
});

describe('listing policy files', () => {
  it('finds .md and .docx files, sorted, skipping hidden folders, node_modules and Word lock files', () => {
    const dir = tempDir();
    writePolicies(dir, {
      'b.md': 'x',
      'a/z.docx': 'x',
      'a/notes.txt': 'x',
      'a/z.yml': 'x',
      '~$z.docx': 'x',
      '.git/HEAD.md': 'x',
      'node_modules/pkg/README.md': 'x',
      'c.MD': 'x',
    });
    expect(listPolicyFiles(dir).map((file) => file.slice(dir.length + 1))).toEqual(['a/z.docx', 'b.md', 'c.MD']);
  });
});
