import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { requestException } from '../../src/exceptions/request-exception.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';
import { count, exceptionWorld, sectionOf } from './exception-world.ts';

const workers = fileURLToPath(new URL('./workers/', import.meta.url));

/** Runs a worker script in its own Node process (TypeScript through tsx). */
function runWorker(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(workers, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Resolves when the worker has acknowledged its first decision. */
function firstAck(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('ACK ')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('close', () => reject(new Error('the worker stopped before deciding anything')));
  });
}

describe('decisions from several processes sharing one database file', () => {
  const files: string[] = [];
  afterEach(() => files.splice(0));

  it('lets exactly one of 200 concurrent approve/deny attempts decide, with one audit event and one outbox message', async () => {
    const file = join(tempDir(), 'shared.db');
    const db = await exceptionWorld(file);
    const request = requestException({ db }, { tenant: 'acme', requester: 'ana', ...sectionOf(db, 'travel', 'Airfare'), justification: 'Long-haul flight to the customer.' });
    db.close();

    const runs = Array.from({ length: 4 }, (_, index) => runWorker('decide-worker.ts', [file, String(request.id), '50', ...(index % 2 ? ['dev', 'fay'] : ['fay', 'dev'])]));
    const results = await Promise.all(runs.map(async (run) => (await run.done, JSON.parse(run.output().stdout) as { decided: number; alreadyDecided: number; other: string[] })));

    expect(results.flatMap((r) => r.other)).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.decided, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.alreadyDecided, 0)).toBe(199);
    const check = openDatabase(file);
    expect(count(check, "SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided'")).toBe(1);
    expect(count(check, "SELECT count(*) AS n FROM outbox_messages WHERE topic = 'exception.decided'")).toBe(1);
    expect(count(check, "SELECT count(*) AS n FROM exception_requests WHERE status IN ('approved', 'denied')")).toBe(1);
    expect(verifyAuditChain(check).ok).toBe(true);
    check.close();
  }, 120_000);

  const crashRuns = Number(process.env.CRASH_RUNS ?? 4);
  it('keeps every acknowledged decision, and a valid audit chain, when a process is killed mid-burst', async () => {
    const runs = crashRuns;
    const file = join(tempDir(), 'crash.db');
    const db = await exceptionWorld(file);
    const { versionId, sectionId } = sectionOf(db, 'travel', 'Airfare');
    db.close();
    let acknowledged = 0;
    for (let run = 0; run < runs; run++) {
      const worker = runWorker('burst-worker.ts', [file, String(versionId), String(sectionId)]);
      // Once it is deciding (however slow its start on a busy machine), let it run a random while, then kill it without warning.
      await firstAck(worker.child);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      worker.child.kill('SIGKILL');
      const { signal } = await worker.done;
      expect(signal).toBe('SIGKILL');
      const acked = [...worker.output().stdout.matchAll(/^ACK (\d+)$/gm)].map((match) => Number(match[1]));
      acknowledged += acked.length;
      const check = openDatabase(file);
      for (const id of acked) {
        expect(check.prepare('SELECT status FROM exception_requests WHERE id = ?').get(id)).toEqual({ status: 'approved' });
        expect(count(check, "SELECT count(*) AS n FROM outbox_messages WHERE topic = 'exception.decided' AND json_extract(payload, '$.id') = ?", id)).toBe(1);
      }
      expect(verifyAuditChain(check)).toMatchObject({ ok: true });
      check.close();
    }
    expect(acknowledged).toBeGreaterThan(0);
  }, 60_000 + crashRuns * 5_000);
});
