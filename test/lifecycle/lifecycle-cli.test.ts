import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir } from '../support/temp-dir.ts';

async function cli(args: string[]) {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

let db: string;
beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'policy-desk-lifecycle-')), 'pd.db');
  const ingest = await cli(['ingest', join(examplesDir, 'acme', 'policies'), '--tenant', 'acme', '--directory', join(examplesDir, 'acme', 'directory.yml'), '--db', db]);
  expect(ingest.code).toBe(0);
});
afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

describe('policy-desk diff', () => {
  it('prints the two latest versions the user may see, section by section, with changed figures', async () => {
    const { code, stdout } = await cli(['diff', 'expenses', '--tenant', 'acme', '--as', 'ana', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toContain('Expenses policy (expenses): version 2.0 → 2.1');
    expect(stdout).toContain('  • What we reimburse: up to $75 → $90 per person including tip');
    expect(stdout).toContain('~ What we reimburse  (was "Eligible expenses")');
    expect(stdout).toContain('  ~ Submit every claim in Ledgerly within [-60-]{+30+} days of the date you paid.');
    expect(stdout).toContain('- Currency conversion  (removed)');
    expect(stdout).toContain('> Corporate cards  (moved)');
  });

  it('prints the comparison as JSON, and takes --from and --to', async () => {
    const { code, stdout } = await cli(['diff', 'travel', '--from', '3.0', '--to', '4.2', '--tenant', 'acme', '--as', 'ana', '--db', db, '--json']);
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout);
    expect([comparison.from.version, comparison.to.version]).toEqual(['3.0', '4.2']);
    expect(comparison.keyFigures).toContainEqual(expect.objectContaining({ before: '8 hours', after: '6 hours', section: '2. Airfare' }));
  });

  it('exits 1 for a policy the user may not see, 2 on a usage error, 3 for someone outside the directory', async () => {
    const hidden = await cli(['diff', 'workplace-investigations', '--tenant', 'acme', '--as', 'ana', '--db', db, '--json']);
    expect(hidden.code).toBe(1);
    expect(JSON.parse(hidden.stdout)).toEqual({ error: { code: 'not_found', message: 'There is no policy "workplace-investigations" that you can see.' } });
    expect((await cli(['diff', '--tenant', 'acme', '--as', 'ana', '--db', db])).code).toBe(2);
    expect((await cli(['diff', 'travel', '--tenant', 'acme', '--db', db])).code).toBe(2);
    expect((await cli(['diff', 'travel', '--tenant', 'acme', '--as', 'mallory', '--db', db])).code).toBe(3);
  });
});

describe('policy-desk freshness', () => {
  it('lists policies past their review date per owner group', async () => {
    const { code, stdout } = await cli(['freshness', '--tenant', 'acme', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Legal \(legal\)\n {2}OVERDUE {3}Code of conduct 1\.4 \[code-of-conduct\]: review was due 2025-06-01/);
    const json = JSON.parse((await cli(['freshness', '--tenant', 'acme', '--within', '100000', '--db', db, '--json'])).stdout);
    expect(json.groups.map((group: { group: string }) => group.group)).toEqual(['finance', 'hr', 'legal', 'security']);
    expect((await cli(['freshness', '--tenant', 'acme', '--within', 'soon', '--db', db])).code).toBe(2);
  });
});

describe('policy-desk ack', () => {
  it('requests, records and reports acknowledgments; refuses who may not', async () => {
    const dbFile = join(tempDir(), 'ack.db');
    await cli(['ingest', join(examplesDir, 'acme', 'policies'), '--tenant', 'acme', '--directory', join(examplesDir, 'acme', 'directory.yml'), '--db', dbFile]);
    const request = await cli(['ack', 'request', 'pto', '--tenant', 'acme', '--as', 'lena', '--department', 'engineering', '--db', dbFile]);
    expect(request).toMatchObject({ code: 0, stdout: 'Paid time off policy 5.0: request #1 sent to 2 of 2 people: ana, hiro\n' });
    expect((await cli(['ack', 'record', 'pto', '--tenant', 'acme', '--as', 'ana', '--db', dbFile])).stdout).toMatch(/^Acknowledged: Paid time off policy 5\.0 at /);
    expect((await cli(['ack', 'record', 'pto', '--tenant', 'acme', '--as', 'ana', '--db', dbFile])).stdout).toMatch(/^Already acknowledged/);
    const report = await cli(['ack', 'report', 'pto', '--tenant', 'acme', '--as', 'lena', '--db', dbFile]);
    expect(report.stdout).toContain('Paid time off policy 5.0 (effective 2026-01-01): 1 of 2 acknowledged, 1 outstanding');
    expect(report.stdout).toContain('Outstanding:\n  Hiro Tanaka (hiro), engineering, US-CA');
    expect((await cli(['ack', 'report', 'pto', '--tenant', 'acme', '--as', 'ana', '--db', dbFile])).code).toBe(3);
    expect((await cli(['ack', 'approve', 'pto', '--tenant', 'acme', '--as', 'lena', '--db', dbFile])).code).toBe(2);
  });
});
