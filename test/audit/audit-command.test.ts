import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import { genesisHash } from '../../src/audit/audit-event.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir } from '../support/temp-dir.ts';
import { dropAuditTriggers, sampleEvents } from './audit-chain-fixture.ts';

/** Runs `policy-desk ARGS`; no environment is inherited. */
async function cli(args: string[]) {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, lines: () => io.stdout.jsonLines() };
}

/** A database file holding the 30 sample events; returns its path and head hash. */
function trailFile(count = 30): { db: string; head: string; hashes: string[] } {
  const db = join(tempDir(), 'pd.db');
  const handle = openDatabase(db);
  const hashes = sampleEvents(count).map((event) => appendAuditEvent(handle, event).hash);
  handle.close();
  return { db, head: hashes.at(-1) ?? genesisHash, hashes };
}

/** Changes the file the way someone with access to it could. */
function tamper(db: string, sql: string): void {
  const handle = new Database(db);
  dropAuditTriggers(handle);
  handle.exec(sql);
  handle.close();
}

describe('policy-desk audit verify', () => {
  it('exits 0 on an intact trail and prints the head hash last', async () => {
    const { db, head } = trailFile();
    const { code, stdout, stderr } = await cli(['audit', 'verify', '--db', db]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`audit trail intact: 30 events\nhead: ${head}\n`);
  });

  it('--json prints the result as one object', async () => {
    const { db, head } = trailFile();
    const { code, lines } = await cli(['audit', 'verify', '--db', db, '--json']);
    expect(code).toBe(0);
    expect(lines()).toEqual([{ ok: true, count: 30, head }]);
  });

  it('an empty trail is intact, its head the genesis hash', async () => {
    const { db } = trailFile(0);
    expect(await cli(['audit', 'verify', '--db', db])).toMatchObject({ code: 0, stdout: `audit trail intact: 0 events\nhead: ${genesisHash}\n` });
  });

  it.each([
    ['an edited event', "UPDATE audit_events SET actor = 'mallory' WHERE seq = 7", 7, /event 7 was altered: its hash does not match its contents/],
    ['a deleted event', 'DELETE FROM audit_events WHERE seq = 12', 12, /event 12 is missing/],
    ['a truncated tail', 'DELETE FROM audit_events WHERE seq > 25', 26, /events 26 to 30 are missing: .*truncated/],
    ['data that is not JSON', "UPDATE audit_events SET data = '{\"n\":' WHERE seq = 3", 3, /event 3 was altered: its data is not valid JSON/],
    ['reordered events', 'UPDATE audit_events SET seq = -seq WHERE seq IN (4, 5); UPDATE audit_events SET seq = 9 + seq WHERE seq IN (-4, -5)', 4, /event 4 does not follow event 3/],
  ])('exits 1 naming the first bad event for %s', async (_name, sql, seq, problem) => {
    const { db } = trailFile();
    tamper(db, sql);
    const human = await cli(['audit', 'verify', '--db', db]);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(new RegExp(`^audit trail TAMPERED: first bad event: ${seq}: `));
    expect(human.stderr).toMatch(problem);
    const json = await cli(['audit', 'verify', '--db', db, '--json']);
    expect(json.code).toBe(1);
    expect(json.lines()).toEqual([{ ok: false, seq, problem: expect.stringMatching(problem) }]);
  });

  it('--expect-head accepts a head recorded earlier that is still in the chain, and says which event it is', async () => {
    const { db, hashes } = trailFile();
    const { code, stdout } = await cli(['audit', 'verify', '--db', db, '--expect-head', hashes[19]!.toUpperCase()]);
    expect(code).toBe(0);
    expect(stdout).toContain('the expected head is event 20\n');
  });

  it('--expect-head catches a tail and anchor rewritten consistently, which verify alone cannot', async () => {
    const { db, head, hashes } = trailFile();
    tamper(db, `DELETE FROM audit_events WHERE seq > 28; UPDATE audit_anchor SET seq = 28, hash = '${hashes[27]!}'`);
    expect((await cli(['audit', 'verify', '--db', db])).code).toBe(0);
    const { code, stderr } = await cli(['audit', 'verify', '--db', db, '--expect-head', head]);
    expect(code).toBe(1);
    expect(stderr).toBe(`audit trail TAMPERED: no event has the expected head hash ${head}: the trail was rewritten or cut at or before the event it was recorded for\n`);
  });

  it('exits 2 for an --expect-head that is not a hash', async () => {
    const { db } = trailFile(1);
    const { code, stderr } = await cli(['audit', 'verify', '--db', db, '--expect-head', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('--expect-head must be a sha256 hash');
  });
});

describe('policy-desk audit export', () => {
  it('writes every event as a JSON line, in chain order', async () => {
    const { db, head } = trailFile();
    const { code, lines } = await cli(['audit', 'export', '--db', db]);
    expect(code).toBe(0);
    const events = lines() as { seq: number; hash: string; data: unknown }[];
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(Object.keys(events[0]!)).toEqual(['seq', 'tenant', 'at', 'type', 'actor', 'subject', 'data', 'prev_hash', 'hash']);
    expect(events[0]!.data).toEqual(sampleEvents(1)[0]!.data);
    expect(events.at(-1)!.hash).toBe(head);
  });

  it('filters by --tenant, --since (inclusive) and --until (exclusive)', async () => {
    const { db } = trailFile();
    const { code, lines } = await cli(['audit', 'export', '--db', db, '--tenant', 'globex', '--since', '2026-06-01T09:10:00Z', '--until', '2026-06-01T09:18:00Z']);
    expect(code).toBe(0);
    // Event 19 happened at 09:18, the --until time: left out.
    expect(lines()).toEqual([expect.objectContaining({ seq: 13, tenant: 'globex' }), expect.objectContaining({ seq: 16, tenant: 'globex' })]);
  });

  it('writes nothing when nothing matches', async () => {
    const { db } = trailFile();
    expect(await cli(['audit', 'export', '--db', db, '--tenant', 'initech'])).toMatchObject({ code: 0, stdout: '' });
  });

  it.each([
    [['--since', 'soon'], /--since is not an ISO 8601 time/],
    [['--since', '2026-06-02', '--until', '2026-06-01'], /--since must be before --until/],
  ])('exits 2 with usage for %j', async (args, message) => {
    const { db } = trailFile(1);
    const { code, stderr } = await cli(['audit', 'export', '--db', db, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });
});

describe('policy-desk audit', () => {
  it.each([[[]], [['rewrite']], [['verify', 'extra']]])('exits 2 for %j', async (args) => {
    const { db } = trailFile(1);
    const { code, stderr } = await cli(['audit', ...args, '--db', db]);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: policy-desk audit verify');
  });

  it('is listed in the usage', async () => {
    const { stdout } = await cli(['help']);
    expect(stdout).toContain('policy-desk audit verify [--db FILE] [--json] [--expect-head HASH]');
    expect(stdout).toContain('policy-desk audit export [--tenant T] [--since TIME] [--until TIME]');
  });

  it('records every answer the command line gives, and exports it', async () => {
    const db = join(tempDir(), 'pd.db');
    expect((await cli(['ingest', join(examplesDir, 'acme', 'policies'), '--tenant', 'acme', '--db', db, '--directory', join(examplesDir, 'acme', 'directory.yml')])).code).toBe(0);
    expect((await cli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', db, '--json', 'What is the hotel limit per night in New York?'])).code).toBe(0);
    expect((await cli(['ask', '--tenant', 'acme', '--as', 'nobody', '--db', db, '--json', 'Can I work from home?'])).code).toBe(3);
    const { lines } = await cli(['audit', 'export', '--db', db, '--tenant', 'acme']);
    // Loading policies and the directory leave events of their own; the answers come last.
    const answers = (lines() as { type: string; seq: number }[]).filter((event) => event.type === 'answer.recorded');
    expect(answers).toEqual([
      expect.objectContaining({ actor: 'tom', subject: 'answer:1', data: expect.objectContaining({ status: 'answered', channel: 'cli' }) }),
      expect.objectContaining({ actor: 'nobody', subject: 'answer:2', data: expect.objectContaining({ status: 'refused', reason: 'unknown_user' }) }),
    ]);
    expect(answers[1]!.seq).toBe(answers[0]!.seq + 1);
    expect((await cli(['audit', 'verify', '--db', db])).code).toBe(0);
  });
});
