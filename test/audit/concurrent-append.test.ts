import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { auditRows } from './audit-chain-fixture.ts';

/** Starts append-worker.ts; resolves `ready` once it has opened the database, `done` when it exits 0. */
function startWorker(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./append-worker.ts', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = once(child.stdout, 'data');
  const done = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`append worker exited with ${String(code)}: ${stderr}`);
  });
  return { ready, done };
}
const event = (actor: string, i: number) => ({ tenant: 'acme', type: 'config.changed', actor, data: { i }, at: '2026-06-01T09:00:00.000Z' });

describe('appending from several connections to one file', () => {
  it('two connections appending alternately keep one valid chain', () => {
    const file = join(tempDir(), 'pd.db');
    const a = openDatabase(file);
    const b = openDatabase(file);
    for (let i = 0; i < 20; i++) appendAuditEvent(i % 2 === 0 ? a : b, event(i % 2 === 0 ? 'a' : 'b', i));
    expect(auditRows(a).map((row) => row.actor)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'a' : 'b')));
    expect(verifyAuditChain(a)).toMatchObject({ ok: true, count: 20 });
    expect(verifyAuditChain(b)).toEqual(verifyAuditChain(a));
    a.close();
    b.close();
  });

  it('a deferred transaction that read an older head cannot fork the chain: its append fails, nothing is written', () => {
    const file = join(tempDir(), 'pd.db');
    const a = openDatabase(file);
    const b = openDatabase(file);
    appendAuditEvent(a, event('a', 0));
    a.exec('BEGIN DEFERRED');
    a.prepare('SELECT count(*) FROM audit_events').get(); // a's snapshot starts here
    appendAuditEvent(b, event('b', 1));
    expect(() => appendAuditEvent(a, event('a', 2))).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
    a.exec('ROLLBACK');
    // Retried in a fresh transaction, it goes after b's event.
    expect(appendAuditEvent(a, event('a', 2)).seq).toBe(3);
    expect(verifyAuditChain(b)).toMatchObject({ ok: true, count: 3 });
    a.close();
    b.close();
  });

  it('two processes appending at the same time keep one gapless, valid chain', async () => {
    const dir = tempDir();
    const file = join(dir, 'pd.db');
    const go = join(dir, 'go');
    openDatabase(file).close();
    const count = 150;
    const workers = ['p1', 'p2'].map((who) => startWorker([file, go, who, String(count)]));
    await Promise.all(workers.map((worker) => worker.ready));
    writeFileSync(go, '');
    await Promise.all(workers.map((worker) => worker.done));
    const db = openDatabase(file);
    const rows = auditRows(db);
    expect(rows).toHaveLength(2 * count);
    expect(rows.filter((row) => row.actor === 'p1')).toHaveLength(count);
    const turns = rows.filter((row, i) => i > 0 && row.actor !== rows[i - 1]!.actor).length;
    expect(turns).toBeGreaterThan(0); // they did run at the same time
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, count: 2 * count });
    db.close();
  }, 30_000);
});
