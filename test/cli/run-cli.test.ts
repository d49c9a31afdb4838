import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';
import { baseMetadata, policyText } from '../support/policy-text.ts';
import { tempDir } from '../support/temp-dir.ts';

const acmePolicies = join(examplesDir, 'acme', 'policies');
const acmeDirectory = join(examplesDir, 'acme', 'directory.yml');

/** Runs `policy-desk ARGS` with `input` on standard input; no environment is inherited, so no model is configured. */
async function cli(args: string[], input = '', env: Record<string, string> = {}) {
  const io = memoryIo(input, env);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, lines: () => io.stdout.jsonLines() };
}

const resultKeys = ['status', 'answer', 'citations', 'routedTo', 'reason'];
const citationKeys = ['policyId', 'version', 'title', 'section', 'quote', 'effective', 'jurisdiction'];

/** The `ask --json` contract of shared/spec/formats.md: these fields with these types, extensions allowed only as documented here. */
function expectAskResult(value: unknown): void {
  const result = value as Record<string, unknown>;
  expect(Object.keys(result).every((key) => resultKeys.includes(key))).toBe(true);
  expect(['answered', 'abstained', 'refused']).toContain(result.status);
  expect(typeof result.answer).toBe('string');
  expect(Array.isArray(result.citations)).toBe(true);
  if ('routedTo' in result) expect(typeof result.routedTo).toBe('string');
  for (const citation of result.citations as Record<string, unknown>[]) {
    expect(Object.keys(citation).every((key) => citationKeys.includes(key))).toBe(true);
    for (const key of ['policyId', 'version', 'title', 'section', 'quote']) expect(typeof citation[key]).toBe('string');
  }
  if (result.status !== 'answered') expect(result.citations).toEqual([]);
  else expect((result.citations as unknown[]).length).toBeGreaterThan(0);
}

describe('policy-desk ingest', () => {
  it('ingests a folder and loads the tenant directory, exit 0; a second run changes nothing', async () => {
    const db = join(tempDir(), 'pd.db');
    const first = await cli(['ingest', acmePolicies, '--tenant', 'acme', '--db', db, '--directory', acmeDirectory]);
    expect(first).toMatchObject({ code: 0, stdout: 'acme: 12 added, 0 updated, 0 unchanged, 0 refused\n', stderr: '' });
    const second = await cli(['ingest', acmePolicies, '--tenant', 'acme', '--db', db]);
    expect(second).toMatchObject({ code: 0, stdout: 'acme: 0 added, 0 updated, 12 unchanged, 0 refused\n' });
  });

  it('prints the report as JSON with --json', async () => {
    const { code, lines } = await cli(['ingest', join(examplesDir, 'globex', 'policies'), '--tenant', 'globex', '--db', join(tempDir(), 'pd.db'), '--json']);
    expect(code).toBe(0);
    expect(lines()).toEqual([{ tenant: 'globex', added: ['office-pets.md', 'travel.md'], updated: [], unchanged: [], problems: [], warnings: [] }]);
  });

  it('exits 1 when a file was refused, naming file and field, and still ingests the others', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'travel.md'), policyText(baseMetadata));
    writeFileSync(join(dir, 'broken.md'), policyText({ ...baseMetadata, id: 'broken', classification: 'top-secret' }));
    const { code, stdout, stderr } = await cli(['ingest', dir, '--tenant', 'acme', '--db', join(dir, 'pd.db')]);
    expect(code).toBe(1);
    expect(stdout).toBe('acme: 1 added, 0 updated, 0 unchanged, 1 refused\n');
    expect(stderr).toMatch(/^error: broken\.md \(classification\): /m);
  });

  it('names files relative to DIR in --json too, refused ones as well as ingested ones', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'hr'));
    writeFileSync(join(dir, 'hr', 'travel.md'), policyText(baseMetadata));
    writeFileSync(join(dir, 'hr', 'broken.md'), policyText({ ...baseMetadata, id: 'broken', classification: 'top-secret' }));
    const { code, lines } = await cli(['ingest', dir, '--tenant', 'acme', '--db', join(dir, 'pd.db'), '--json']);
    expect(code).toBe(1);
    expect(lines()).toEqual([
      expect.objectContaining({ added: ['hr/travel.md'], problems: [{ file: 'hr/broken.md', field: 'classification', message: expect.stringMatching(/^hr\/broken\.md \(classification\): /) }] }),
    ]);
  });

  it('warns of a policy owner the directory has no group for, in text and --json, without failing the run', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'parking.md'), policyText({ ...baseMetadata, id: 'parking', owner: 'nosuchgroup' }));
    const args = ['ingest', join(dir, 'policies'), '--tenant', 'acme', '--db', join(dir, 'pd.db'), '--directory', acmeDirectory];
    const warning = 'parking.md (owner): "nosuchgroup" is not a group in the directory of acme: an abstention would send people to a team that does not exist';
    expect(await cli(args)).toMatchObject({ code: 0, stdout: 'acme: 1 added, 0 updated, 0 unchanged, 0 refused\n', stderr: `warning: ${warning}\n` });
    // The directory saved by the first run is checked against when --directory is not given.
    const { code, lines } = await cli([...args.slice(0, -2), '--json']);
    expect(code).toBe(0);
    expect(lines()).toEqual([{ tenant: 'acme', added: [], updated: [], unchanged: ['parking.md'], problems: [], warnings: [{ file: 'parking.md', field: 'owner', message: warning }] }]);
  });

  it('exits 1 when a file changed its text but kept its version', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'travel.md'), policyText(baseMetadata));
    await cli(['ingest', join(dir, 'policies'), '--tenant', 'acme', '--db', db]);
    writeFileSync(join(dir, 'policies', 'travel.md'), policyText(baseMetadata, '# Travel policy\n\nThe hotel limit is $999.\n'));
    const { code, stderr } = await cli(['ingest', join(dir, 'policies'), '--tenant', 'acme', '--db', db]);
    expect(code).toBe(1);
    expect(stderr).toContain('error: travel.md (version): the text of travel version 4.2 changed');
  });

  it.each([
    [['ingest', '--tenant', 'acme'], /ingest needs the folder/],
    [['ingest', 'examples/acme/policies'], /--tenant is required/],
  ])('exits 2 with usage for %j', async (args, message) => {
    const { code, stderr } = await cli([...args, '--db', join(tempDir(), 'pd.db')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('exits 2 for a folder that does not exist', async () => {
    const dir = tempDir();
    const { code, stderr } = await cli(['ingest', join(dir, 'missing'), '--tenant', 'acme', '--db', join(dir, 'pd.db')]);
    expect(code).toBe(2);
    expect(stderr).toContain('is not a folder');
  });
});

describe('policy-desk ask', () => {
  let suiteDir: string;
  let db: string;
  beforeAll(async () => {
    // One database for the questions below, made the way an operator would.
    suiteDir = mkdtempSync(join(tmpdir(), 'policy-desk-cli-'));
    db = join(suiteDir, 'pd.db');
    expect((await cli(['ingest', acmePolicies, '--tenant', 'acme', '--db', db, '--directory', acmeDirectory])).code).toBe(0);
    expect((await cli(['ingest', join(examplesDir, 'globex', 'policies'), '--tenant', 'globex', '--db', db, '--directory', join(examplesDir, 'globex', 'directory.yml')])).code).toBe(0);
  });
  afterAll(() => rmSync(suiteDir, { recursive: true, force: true }));

  it('--json prints exactly one result object, with citations per the spec', async () => {
    const { code, stdout, lines } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', db, '--json', 'What is the hotel limit per night in New York?']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const [result] = lines() as [Record<string, unknown>];
    expectAskResult(result);
    expect(result).toMatchObject({ status: 'answered', citations: expect.arrayContaining([expect.objectContaining({ policyId: 'travel', version: '4.2', title: 'Travel policy', section: '3.1 Hotel limits' })]) });
  });

  it('joins the words of an unquoted question', async () => {
    const { lines } = await cli(['ask', '--tenant', 'acme', '--as', 'amelia', '--db', db, '--json', 'How', 'many', 'days', 'of', 'PTO', 'do', 'I', 'get?']);
    expect(lines()[0]).toMatchObject({ status: 'answered', citations: expect.arrayContaining([expect.objectContaining({ policyId: 'pto', jurisdiction: 'UK' })]) });
  });

  it('prints the answer and its sources for people without --json', async () => {
    const { code, stdout } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', db, 'How long must my password be?']);
    expect(code).toBe(0);
    expect(stdout).toContain('Passwords must be at least 14 characters long.');
    expect(stdout).toContain('Sources:\n  - Information security policy, version 3.1, section "Passwords" (effective 2026-02-01)');
  });

  it('exits 0 when it abstains, with the group to ask', async () => {
    const { code, lines } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', db, '--json', 'Does Acme pay for my gym membership?']);
    expect(code).toBe(0);
    const [result] = lines() as [Record<string, unknown>];
    expectAskResult(result);
    expect(result).toMatchObject({ status: 'abstained', routedTo: expect.any(String) });
  });

  it('exits 3 when the bot refuses the asker', async () => {
    const { code, lines } = await cli(['ask', '--tenant', 'acme', '--as', 'mallory', '--db', db, '--json', 'What is the hotel limit?']);
    expect(code).toBe(3);
    expectAskResult(lines()[0]);
    expect(lines()[0]).toMatchObject({ status: 'refused' });
  });

  it('loads the directory given with --directory before asking', async () => {
    const fresh = join(tempDir(), 'pd.db');
    await cli(['ingest', acmePolicies, '--tenant', 'acme', '--db', fresh]);
    expect((await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', fresh, '--json', 'How long must my password be?'])).code).toBe(3);
    const { code, lines } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', fresh, '--directory', acmeDirectory, '--json', 'How long must my password be?']);
    expect(code).toBe(0);
    expect(lines()[0]).toMatchObject({ status: 'answered' });
  });

  it.each([
    [['ask', '--as', 'tom', 'Question?'], /--tenant is required/],
    [['ask', '--tenant', 'acme', 'Question?'], /--as is required/],
    [['ask', '--tenant', 'acme', '--as', 'tom'], /ask needs a question/],
    [['ask', '--tenant', 'acme', '--as', 'tom', '--bogus', 'Question?'], /bogus/],
  ])('exits 2 with usage for %j', async (args, message) => {
    const { code, stdout, stderr } = await cli([...args, '--db', db]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  describe('--batch', () => {
    const questions = [
      { id: 'q1', tenant: 'acme', as: 'tom', question: 'What is the hotel limit per night in New York?' },
      { id: 'q2', tenant: 'globex', as: 'homer', question: 'What is the hotel limit per night?' },
      '{"id": "q3", "tenant": "acme", "as": "tom", "question": ',
      { id: 'q4', tenant: 'acme', question: 'No asker on this line' },
      { id: 5, tenant: 'acme', as: 'amelia', question: 'How many days of PTO do I get?' },
      { id: 'q6', tenant: 'initech', as: 'bill', question: 'What is the hotel limit?' },
      { id: 'q7', tenant: 'globex', as: 'tom', question: 'What is the hotel limit?' },
    ];
    const input = `${questions.map((q) => (typeof q === 'string' ? q : JSON.stringify(q))).join('\n')}\n\n`;

    it('answers each line in input order, mixing tenants, with an error line for each bad line', async () => {
      const { code, lines } = await cli(['ask', '--json', '--batch', '--db', db, '--directory', examplesDir], input);
      expect(code).toBe(1);
      const out = lines() as Record<string, unknown>[];
      expect(out.map((line) => line.id)).toEqual(['q1', 'q2', null, 'q4', 5, 'q6', 'q7']);

      const answered = out.filter((line) => !('error' in line));
      for (const { id: _id, ...result } of answered) expectAskResult(result);
      expect(out[0]).toMatchObject({ status: 'answered', citations: expect.arrayContaining([expect.objectContaining({ policyId: 'travel', version: '4.2' })]) });
      expect(out[1]).toMatchObject({ status: 'answered', citations: expect.arrayContaining([expect.objectContaining({ policyId: 'travel', version: '1.0', title: 'Globex travel guidelines' })]) });
      expect(out[4]).toMatchObject({ status: 'answered', citations: expect.arrayContaining([expect.objectContaining({ policyId: 'pto', jurisdiction: 'UK' })]) });
      expect(out[5]).toMatchObject({ status: 'refused', reason: 'unknown_tenant' });
      expect(out[6]).toMatchObject({ status: 'refused', reason: 'unknown_user' });

      expect(out[2]).toEqual({ id: null, error: { code: 'usage', message: 'line 3 is not JSON' } });
      expect(out[3]).toEqual({ id: 'q4', error: { code: 'usage', message: expect.stringMatching(/^line 4: as: /) } });
    });

    it('exits 0 when every line was answered', async () => {
      const good = `${JSON.stringify(questions[0])}\n${JSON.stringify(questions[1])}\n`;
      const { code, lines } = await cli(['ask', '--json', '--batch', '--db', db], good);
      expect(code).toBe(0);
      expect(lines()).toHaveLength(2);
    });

    it('needs --json', async () => {
      const { code, stderr } = await cli(['ask', '--batch', '--db', db], input);
      expect(code).toBe(2);
      expect(stderr).toContain('--batch writes JSON Lines: add --json');
    });

    it('refuses a line without an id: its result could not be matched to it', async () => {
      const noId = `${JSON.stringify({ tenant: 'acme', as: 'tom', question: 'What is the hotel limit?' })}\n${JSON.stringify(questions[0])}\n`;
      const { code, lines } = await cli(['ask', '--json', '--batch', '--db', db], noId);
      expect(code).toBe(1);
      const out = lines() as Record<string, unknown>[];
      expect(out[0]).toEqual({ id: null, error: { code: 'usage', message: expect.stringMatching(/^line 1: id: required/) } });
      expect(out[1]).toMatchObject({ id: 'q1', status: 'answered' });
    });

    it('loads one tenant’s directory file for the first tenant only, never over another tenant’s people', async () => {
      const mixed = `${JSON.stringify(questions[0])}\n${JSON.stringify(questions[1])}\n`;
      const { code, lines, stderr } = await cli(['ask', '--json', '--batch', '--db', db, '--directory', acmeDirectory], mixed);
      expect(code).toBe(0);
      // homer is globex's, and still is: globex kept its own directory.
      expect(lines()).toEqual([expect.objectContaining({ id: 'q1', status: 'answered' }), expect.objectContaining({ id: 'q2', status: 'answered' })]);
      expect(stderr).toContain("is one tenant's directory, loaded for acme; globex is answered with the directory saved for it");
    });

    it('answers every other line when one fails for any reason, such as a question the size of a book', async () => {
      const book = `What is the hotel limit per night? ${Array.from({ length: 130_000 }, (_, i) => `word${i}`).join(' ')}`;
      const lines3 = [questions[0], { id: 'big', tenant: 'acme', as: 'tom', question: book }, { ...(questions[1] as object), id: 'after' }];
      const { code, lines } = await cli(['ask', '--json', '--batch', '--db', db], `${lines3.map((q) => JSON.stringify(q)).join('\n')}\n`);
      const out = lines() as Record<string, unknown>[];
      expect(out.map((line) => line.id)).toEqual(['q1', 'big', 'after']);
      expect(out[1]).toMatchObject({ status: expect.stringMatching(/answered|abstained/) });
      expect(out[2]).toMatchObject({ status: 'answered' });
      expect(code).toBe(0);
    }, 60_000);

    it('refuses a --directory that does not exist', async () => {
      const { code, stderr } = await cli(['ask', '--json', '--batch', '--db', db, '--directory', join(examplesDir, 'nowhere')], input);
      expect(code).toBe(2);
      expect(stderr).toContain('does not exist');
    });
  });
});

describe('policy-desk directory load', () => {
  it('loads a directory file for a tenant', async () => {
    const { code, stdout } = await cli(['directory', 'load', acmeDirectory, '--tenant', 'acme', '--db', join(tempDir(), 'pd.db')]);
    expect(code).toBe(0);
    expect(stdout).toBe('acme: 14 people, 7 groups\n');
  });

  it('exits 2 for a directory file that is not valid', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'directory.yml'), 'users:\n  - id: ana\n');
    const { code, stderr } = await cli(['directory', 'load', join(dir, 'directory.yml'), '--tenant', 'acme', '--db', join(dir, 'pd.db')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/directory\.yml: users\.0\.name/);
  });
});

describe('usage and configuration', () => {
  it('prints usage on standard output for help, exit 0', async () => {
    for (const args of [[], ['help'], ['ask', '--help']]) {
      const { code, stdout } = await cli(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage:\n  policy-desk ingest DIR --tenant T');
    }
  });

  it('exits 2 for an unknown command, saying so before the usage on standard error', async () => {
    const { code, stdout, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^policy-desk: unknown command "frobnicate"\n\nUsage:/);
  });

  it('lists in --help the options the README documents', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toContain('policy-desk ingest DIR --tenant T [--db FILE] [--directory FILE] [--json]');
    expect(stdout).toContain('policy-desk freshness --tenant T [--within DAYS] [--db FILE] [--json]');
    expect(stdout).toMatch(/policy-desk draft check .*\[--location L\]\.\.\./);
  });

  it('prints the version of the package for --version on its own, exit 0', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}\n`);
  });

  it('exits 2 for a --db with nothing there (a typo), and leaves nothing behind', async () => {
    const missing = join(tempDir(), 'typo', 'pd.db');
    const { code, stdout, stderr } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', missing, '--json', 'Question?']);
    expect(code).toBe(2);
    expect(stderr).toContain(`there is no database at ${missing}`);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'usage' } });
    expect(existsSync(missing)).toBe(false);
  });

  it('exits 2 for a database SQLite cannot use, naming the file, with a JSON error and no stack trace', async () => {
    const notADatabase = join(tempDir(), 'notes.db');
    writeFileSync(notADatabase, 'these are my notes, not a database '.repeat(200));
    const { code, stdout, stderr } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', notADatabase, '--json', 'Question?']);
    expect(code).toBe(2);
    expect(stderr).toBe(`policy-desk: the database ${notADatabase} cannot be used: file is not a database (SQLITE_NOTADB)\n`);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'database_unusable' } });
  });

  it('exits 2 for invalid configuration, naming the variable', async () => {
    const { code, stderr } = await cli(['ask', '--tenant', 'acme', '--as', 'tom', 'Question?'], '', { OPENAI_BASE_URL: 'not a url' });
    expect(code).toBe(2);
    expect(stderr).toContain('OPENAI_BASE_URL');
  });
});
