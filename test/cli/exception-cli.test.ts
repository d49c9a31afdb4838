import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

async function cli(args: string[]) {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, json: () => JSON.parse(io.stdout.text) as Record<string, unknown> };
}

describe('policy-desk exception and rules', () => {
  let db: string;
  const base = () => ['--tenant', 'acme', '--db', db];
  const request = ['exception', 'request', '--as', 'ana', '--justification', 'Overnight flight to the Tokyo launch; I present on arrival.', '--amount', '6200', '--currency', 'USD'];

  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-desk-cli-'));
    db = join(dir, 'cli.db');
    expect((await cli(['ingest', join(examplesDir, 'acme', 'policies'), '--directory', join(examplesDir, 'acme', 'directory.yml'), ...base()])).code).toBe(0);
  });

  it('loads the tenant rules, and says so once', async () => {
    const first = await cli(['rules', 'load', join(examplesDir, 'acme'), ...base()]);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('now active') });
    const again = await cli(['rules', 'load', join(examplesDir, 'acme'), ...base()]);
    expect(again.stdout).toContain('unchanged');
    const show = await cli(['rules', 'show', ...base(), '--json']);
    expect(show.json()).toMatchObject({ access: { version: expect.any(String) }, routing: { version: expect.any(String) } });
  });

  it('asks the requester to confirm the clause, then opens, decides and shows the request', async () => {
    const confirm = await cli([...request, ...base(), '--json', 'business class flight to Tokyo']);
    expect(confirm.code).toBe(4);
    const suggestions = confirm.json().suggestions as { policyId: string; section: string }[];
    expect(suggestions[0]).toMatchObject({ policyId: 'travel', section: expect.stringContaining('Airfare') });

    const opened = await cli([...request, ...base(), '--clause', '1', '--json', 'business class flight to Tokyo']);
    expect(opened.code).toBe(0);
    const id = String(opened.json().id);
    expect(opened.json()).toMatchObject({ status: 'pending', stages: [{ group: 'finance' }, { group: 'legal' }] });

    const self = await cli(['exception', 'decide', id, 'approve', ...base(), '--as', 'ana', '--json']);
    expect(self.code).toBe(3);
    expect(self.json()).toMatchObject({ error: { code: 'not_allowed', rule: 'no-self-decision' } });

    expect((await cli(['exception', 'decide', id, 'approve', ...base(), '--as', 'dev', '--json'])).json()).toMatchObject({ outcome: 'advanced' });
    const noReason = await cli(['exception', 'decide', id, 'deny', ...base(), '--as', 'maya']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('needs a reason');
    expect((await cli(['exception', 'decide', id, 'deny', ...base(), '--as', 'maya', '--reason', 'Premium economy is enough.', '--json'])).json()).toMatchObject({
      outcome: 'denied',
    });
    const late = await cli(['exception', 'decide', id, 'approve', ...base(), '--as', 'maya', '--json']);
    expect(late.code).toBe(5);
    expect(late.json()).toMatchObject({ error: { code: 'already_decided', decidedBy: 'maya' } });

    const shown = await cli(['exception', 'show', id, ...base(), '--json']);
    expect((shown.json().history as { action: string }[]).map((h) => h.action)).toEqual(['request', 'approve', 'advance', 'deny']);
    const listed = await cli(['exception', 'list', ...base(), '--status', 'denied', '--json']);
    expect((JSON.parse(listed.stdout) as { id: number }[]).map((r) => String(r.id))).toContain(id);
    expect((await cli(['audit', 'verify', '--db', db])).code).toBe(0);
  });

  it('exits 2 for a --status no request can have, listing the valid ones', async () => {
    const { code, stdout, stderr } = await cli(['exception', 'list', ...base(), '--status', 'bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--status must be one of pending, needs_info, approved, denied, withdrawn, expired');
  });

  it('refuses a policy that allows no exceptions, with its reason', async () => {
    const result = await cli(['exception', 'request', '--as', 'ana', '--justification', 'I need to skip the password manager for a week.', ...base(), '--policy', 'information-security', '--json', 'use my own password manager instead']);
    expect(result.code).toBe(3);
    expect(result.json()).toMatchObject({ error: { code: 'not_allowed', rule: 'policy:information-security' } });
  });
});
