import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';

const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', SLACK_TEAMS: 'T0ACME=acme', SLACK_API_URL: 'http://slack.test/api/' };

async function cli(args: string[], env: Record<string, string> = {}) {
  const io = memoryIo('', env);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, json: () => JSON.parse(io.stdout.text) as Record<string, any> };
}

/** Slack's conversations.members for one channel, and auth.test for the bot's own id. */
function slackMembers(channel: string, members: string[]) {
  nock('http://slack.test').post('/api/auth.test').reply(200, { ok: true, user_id: 'U0ACMEBOT', team_id: 'T0ACME' });
  return nock('http://slack.test').post('/api/conversations.members', (body) => body.channel === channel).reply(200, { ok: true, members: [...members, 'U0ACMEBOT'], response_metadata: { next_cursor: '' } });
}

describe('policy-desk draft', () => {
  let dir: string;
  let db: string;
  const base = () => ['--tenant', 'acme', '--db', db];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => nock.cleanAll());
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-desk-draft-cli-'));
    db = join(dir, 'cli.db');
    expect((await cli(['ingest', join(examplesDir, 'acme', 'policies'), '--directory', join(examplesDir, 'acme', 'directory.yml'), ...base()])).code).toBe(0);
    expect((await cli(['rules', 'load', join(examplesDir, 'acme'), ...base()])).code).toBe(0);
    expect(await cli(['draft', 'channels', 'load', join(examplesDir, 'acme'), ...base()])).toMatchObject({ code: 0, stdout: 'acme: 4 announcement channels\n' });
  });

  it('refuses someone the directory does not know with exit code 3, as ask does', async () => {
    const drafted = await cli(['draft', 'new', ...base(), '--as', 'nobody', 'the new UK time-off rules']);
    expect(drafted.code).toBe(3);
    expect(drafted.stderr).toContain("I couldn't find you in your company's directory.");
    const other = await cli(['draft', 'new', '--tenant', 'nosuch', '--db', db, '--as', 'nora', 'the new UK time-off rules']);
    expect(other.code).toBe(3);
  });

  it('drafts, flags a hand edit’s wrong number, and publishes only the approved version to an all-UK Slack channel', async () => {
    const made = await cli(['draft', 'new', ...base(), '--as', 'nora', '--location', 'UK', '--tone', 'concise', '--json', 'the new UK time-off rules']);
    expect(made.code).toBe(0);
    const { draft, version } = made.json();
    expect(draft).toMatchObject({ id: 1, audience: { locations: ['UK'] }, status: 'draft' });
    expect(version).toMatchObject({ number: 1, kind: 'template', tone: 'concise' });

    const file = join(dir, 'edit.txt');
    writeFileSync(file, (version.text as string).replace('25 days', '27 days'));
    const check = await cli(['draft', 'check', ...base(), '--as', 'nora', '--location', 'UK', '--file', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/CONTRADICTED: .*27 days/);
    expect(check.stdout).toMatch(/source: "Employees in the UK receive 25 days/);

    expect((await cli(['draft', 'submit', '1', ...base(), '--as', 'nora'])).stdout).toMatch(/comms: reviews every announcement/);
    expect(await cli(['draft', 'approve', '1', ...base(), '--as', 'nora'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/someone else must review it/) });
    for (const reviewer of ['omar', 'lena', 'maya']) expect((await cli(['draft', 'approve', '1', ...base(), '--as', reviewer])).code).toBe(0);

    expect(await cli(['draft', 'publish', '1', ...base(), '--as', 'nora', '--channel', 'uk-all'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/slack is not connected/) });

    const usMember = slackMembers('C0ACMEUKALL', ['U0ACMEAMY', 'U0ACMENORA', 'U0ACMEANA']);
    expect(await cli(['draft', 'publish', '1', ...base(), '--as', 'nora', '--channel', 'uk-all'], slackEnv)).toMatchObject({ code: 3, stderr: expect.stringMatching(/#uk-all has 1 member outside the audience/) });
    expect(usMember.isDone()).toBe(true);

    slackMembers('C0ACMEUKALL', ['U0ACMEAMY', 'U0ACMENORA', 'U0ACMEOMAR', 'U0ACMEPRIYA']);
    const published = await cli(['draft', 'publish', '1', ...base(), '--as', 'nora', '--channel', 'uk-all', '--json'], slackEnv);
    expect(published.code).toBe(0);
    expect(published.json()).toMatchObject({ status: 'sent', version: 1, requestedBy: 'nora', recipients: ['amelia', 'nora', 'omar', 'priya'], text: version.text });

    const history = await cli(['draft', 'history', '1', ...base()]);
    expect(history.stdout).toMatch(/publication #1 sent: draft #1 version 1 by nora/);
    expect(history.stdout).toMatch(/to #uk-all for staff in UK \(4 people: amelia, nora, omar, priya\)/);

    // Nothing was attempted yet (no publisher ran): there is no lost post to settle.
    expect(await cli(['draft', 'resolve-post', '1', ...base(), '--as', 'nora', '--channel', 'uk-all', '--found', 'posted'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not waiting to be checked: it has not been attempted yet/),
    });
    expect(await cli(['draft', 'resolve-post', '1', ...base(), '--as', 'nora', '--channel', 'uk-all'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--found posted/) });
    expect(await cli(['draft', 'resolve-post', '1', ...base(), '--as', 'nora', '--channel', 'uk-all-teams', '--found', 'posted'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/was not sent to "uk-all-teams"/) });
  });

  it('refuses someone without the draft permission (exit 3) and bad usage (exit 2)', async () => {
    expect(await cli(['draft', 'new', ...base(), '--as', 'tom', 'PTO carryover'])).toMatchObject({ code: 3, stderr: expect.stringMatching(/Internal communications/) });
    expect((await cli(['draft', 'new', ...base(), '--as', 'nora', '--tone', 'shouty', 'PTO'])).code).toBe(2);
    expect((await cli(['draft', 'frobnicate', ...base()])).code).toBe(2);
    expect((await cli(['draft', 'show', 'x', ...base()])).code).toBe(2);
    expect((await cli(['draft', 'show', '99', ...base()])).code).toBe(1);
    // A status no draft can have is a typo, not an empty list.
    expect(await cli(['draft', 'list', ...base(), '--status', 'in-review'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--status must be one of draft, in_review, changes_requested, approved, published') });
  });
});
