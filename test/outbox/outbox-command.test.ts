import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { enqueueOutboxMessage } from '../../src/outbox/enqueue-outbox-message.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { memoryIo } from '../support/memory-io.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startWebhookReceiver, type Reply } from './webhook-receiver.ts';

const secret = 'acme-hr-secret-0123456789';

/** A database with `count` decided exceptions in its outbox, a receiver, and a webhooks file pointing at it. */
async function setUp(options: { count?: number; reply?: () => Reply } = {}) {
  const dir = tempDir();
  const db = join(dir, 'pd.db');
  const receiver = await startWebhookReceiver({ secret, ...(options.reply ? { reply: options.reply } : {}) });
  const webhooks = join(dir, 'webhooks.yml');
  writeFileSync(webhooks, `acme:\n  - url: ${receiver.url}\n    secret_env: ACME_HR_SECRET\n    topics: [exception.decided]\n`);
  const connection = openDatabase(db);
  for (let n = 1; n <= (options.count ?? 1); n++) {
    enqueueOutboxMessage(connection, { tenant: n % 2 ? 'acme' : 'globex', topic: 'exception.decided', payload: { exceptionId: n }, idempotencyKey: `exception.decided:${n}`, at: new Date() });
  }
  connection.close();
  const env = { WEBHOOKS_FILE: webhooks, ACME_HR_SECRET: secret };
  const cli = async (...args: string[]) => {
    const io = memoryIo('', env);
    const code = await runCli([...args, '--db', db], io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text, lines: () => io.stdout.jsonLines() as Record<string, unknown>[] };
  };
  return { cli, receiver, db, env };
}

describe('policy-desk outbox', () => {
  it('list --json prints one object per message, filtered by tenant and status', async () => {
    const { cli } = await setUp({ count: 3 });
    const all = await cli('outbox', 'list', '--json');
    expect(all.code).toBe(0);
    expect(all.lines().map((m) => [m.id, m.tenant, m.status, m.idempotencyKey])).toEqual([
      [1, 'acme', 'pending', 'exception.decided:1'],
      [2, 'globex', 'pending', 'exception.decided:2'],
      [3, 'acme', 'pending', 'exception.decided:3'],
    ]);
    expect(all.lines()[0]).toMatchObject({ topic: 'exception.decided', attempts: 0, payload: { exceptionId: 1 }, deliveries: [] });
    expect((await cli('outbox', 'list', '--tenant', 'globex', '--json')).lines().map((m) => m.id)).toEqual([2]);
    expect((await cli('outbox', 'list', '--status', 'dead', '--json')).stdout).toBe('');
  });

  it('deliver runs the dispatcher once; list then shows who acknowledged', async () => {
    const { cli, receiver } = await setUp({ count: 3 });
    const run = await cli('outbox', 'deliver');
    expect(run).toMatchObject({ code: 0, stdout: 'outbox: 2 delivered, 0 to retry, 0 dead, 1 without a subscriber\n' });
    expect(receiver.requests.every((request) => request.signatureValid)).toBe(true);
    expect([...receiver.acknowledged.keys()].sort()).toEqual(['exception.decided:1', 'exception.decided:3']);
    const listed = await cli('outbox', 'list', '--tenant', 'acme');
    expect(listed.stdout).toMatch(/^1 {2}delivered {2}acme {2}exception\.decided {2}attempts 1 {2}delivered \S+ {2}key exception\.decided:1\n {4}acknowledged by http:\/\/127\.0\.0\.1:\d+\/hooks\/policy-desk \(200\) at /);
    expect((await cli('outbox', 'deliver', '--json')).lines()).toEqual([{ delivered: 0, retried: 0, dead: 0, unrouted: 0 }]);
  });

  it('retry ID re-drives a dead message, recorded, and the next deliver delivers it', async () => {
    let refuse = true;
    const { cli, receiver, db } = await setUp({ reply: () => (refuse ? { status: 400, body: 'unknown field' } : { status: 200 }) });
    const first = await cli('outbox', 'deliver');
    expect(first.code).toBe(1);
    expect(first.stdout).toBe('outbox: 0 delivered, 0 to retry, 1 dead, 0 without a subscriber\n');
    expect(first.stderr).toMatch(/^dead: message 1 after 1 attempts: http:\/\/127\.0\.0\.1:\d+\/hooks\/policy-desk: HTTP 400: unknown field\n$/);
    const dead = await cli('outbox', 'list', '--status', 'dead');
    expect(dead.stdout).toMatch(/^1 {2}dead {2}acme .*\n {4}last error: .*HTTP 400: unknown field\n$/);

    refuse = false;
    expect(await cli('outbox', 'retry', '1', '--json')).toMatchObject({ code: 0, stdout: '{"redriven":[1]}\n' });
    expect((await cli('outbox', 'list', '--json')).lines()[0]).toMatchObject({ status: 'pending', attempts: 0 });
    const connection = openDatabase(db);
    expect(connection.prepare('SELECT message_id, previous_attempts, previous_error FROM outbox_redrives').all()).toEqual([
      { message_id: 1, previous_attempts: 1, previous_error: expect.stringContaining('HTTP 400: unknown field') },
    ]);
    connection.close();

    expect(await cli('outbox', 'deliver')).toMatchObject({ code: 0, stdout: 'outbox: 1 delivered, 0 to retry, 0 dead, 0 without a subscriber\n' });
    expect(receiver.acknowledgedCount('exception.decided:1')).toBe(1);
    expect(receiver.requests).toHaveLength(2);
  });

  it('retry --dead re-drives every dead message (of --tenant when given)', async () => {
    let refuse = true;
    const { cli } = await setUp({ count: 3, reply: () => ({ status: refuse ? 410 : 200 }) });
    expect((await cli('outbox', 'deliver')).code).toBe(1);
    refuse = false;
    expect(await cli('outbox', 'retry', '--dead', '--tenant', 'globex')).toMatchObject({ code: 0, stdout: 'no dead messages\n' });
    expect(await cli('outbox', 'retry', '--dead')).toMatchObject({ code: 0, stdout: 'back to pending: 1, 3\n' });
    expect(await cli('outbox', 'deliver', '--json')).toMatchObject({ code: 0, stdout: '{"delivered":2,"retried":0,"dead":0,"unrouted":0}\n' });
  });

  it('retry of a message that is not dead, or does not exist, exits 1 and says why', async () => {
    const { cli } = await setUp();
    expect(await cli('outbox', 'retry', '1')).toMatchObject({ code: 1, stderr: 'policy-desk: outbox message 1 is pending, not dead\n' });
    const missing = await cli('outbox', 'retry', '99', '--json');
    expect(missing.code).toBe(1);
    expect(missing.lines()).toEqual([{ error: expect.objectContaining({ code: 'outbox_message_not_found', message: 'there is no outbox message 99' }) }]);
  });

  it.each([
    [['outbox'], /usage: policy-desk outbox list/],
    [['outbox', 'purge'], /usage: policy-desk outbox list/],
    [['outbox', 'retry'], /a message id or --dead/],
    [['outbox', 'retry', '1', '--dead'], /a message id or --dead \(not both\)/],
    [['outbox', 'retry', 'latest'], /"latest" is not a message id/],
    [['outbox', 'list', '--status', 'lost'], /--status must be one of pending, delivered, dead/],
  ])('exits 2 with usage for %j', async (args, message) => {
    const { cli } = await setUp();
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('deliver without WEBHOOKS_FILE is a configuration error (exit 2), and touches nothing', async () => {
    const { db } = await setUp();
    const io = memoryIo('', {});
    expect(await runCli(['outbox', 'deliver', '--db', db], io)).toBe(2);
    expect(io.stderr.text).toContain('outbox deliver needs WEBHOOKS_FILE');
  });
});
