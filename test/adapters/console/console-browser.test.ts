import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Chromium from the system (apt) or CHROMIUM_PATH; CI machines without it skip these tests, saying why. */
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => path && existsSync(path));
const title = chromiumPath ? 'console in headless Chromium' : 'console in headless Chromium — SKIPPED: no Chromium at /usr/bin/chromium (set CHROMIUM_PATH to run these tests)';

/** Starts the real service (`src/main.ts`, as `npm start` does) on a free port with a fresh database and the examples; resolves with the console URL it prints. */
function startService(databaseFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_FILE: databaseFile, POLICIES_DIR: join(root, 'examples'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/Policy Desk console: (http:\/\/\S+)/);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the service exited (${code}) before listening:\n${err}`)));
  });
}

/** Waits until one of the elements shows the text (playwright-core has no `expect`; vitest's cannot wait). */
const shows = (locator: Locator, text: string | RegExp) => locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });

describe.skipIf(!chromiumPath)(title, () => {
  let service: { child: ChildProcess; url: string };
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-desk-console-'));
    [service, browser] = await Promise.all([startService(join(dir, 'console.db')), chromium.launch({ executablePath: chromiumPath! })]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (service?.child.exitCode === null) {
      const exited = new Promise((resolve) => service.child.once('exit', resolve));
      service.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function signInAs(page: Page, who: string) {
    await page.goto(`${service.url}sign-in`);
    await page.selectOption('#who', who);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/playground$/);
  }

  it('asks a question, requests an exception, switches to the reviewer, approves from the queue and finds the audit event', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

    await page.goto(service.url.replace(/console\/$/, ''));
    await page.waitForURL(/\/console\/sign-in$/);
    await signInAs(page, 'acme/ana');

    // The employee asks; the answer cites its source.
    await page.getByLabel('Your message').fill('Can I fly business class?');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.locator('article.card').last();
    await shows(answer.locator('.sources'), 'Travel policy, version 4.2, section “2. Airfare”, effective 2025-07-01');

    // ... and requests an exception through the form under the answer.
    await answer.locator('summary', { hasText: 'Request an exception' }).click();
    const form = answer.getByRole('form', { name: 'Request an exception' });
    await form.getByLabel('Why do you need an exception?').fill('Overnight flight to Tokyo; I present on arrival.');
    await form.getByLabel('Amount').fill('4100');
    await form.getByLabel('Currency').fill('USD');
    await form.getByRole('button', { name: 'Send to reviewers' }).click();
    await shows(page.locator('.history'), 'Your exception request #1 on the Travel policy');
    await shows(page.locator('aside'), 'waiting for a decision');

    // Switch to the finance reviewer, who approves from the queue.
    await page.selectOption('#who', 'acme/dev');
    await page.getByRole('button', { name: 'Switch' }).click();
    await shows(page.locator('header'), 'Dev Patel');
    await page.getByRole('link', { name: /Reviewer queue/ }).click();
    const card = page.locator('article.card', { hasText: 'Exception request #1: Travel policy' });
    await shows(card, 'Overnight flight to Tokyo');
    await shows(page.locator('.sla').first(), 'due in');
    await card.getByRole('button', { name: 'Approve' }).click();
    await shows(page.getByRole('status'), '✅ Approved by Dev Patel');
    await shows(page.locator('main'), 'Nothing is waiting for your groups.');

    // The auditor finds the decision in the audit trail, with the chain intact.
    await signInAs(page, 'acme/priya');
    await page.getByRole('link', { name: 'Audit search' }).click();
    await page.selectOption('#type', 'exception.decided');
    await page.getByRole('button', { name: 'Search' }).click();
    await shows(page.locator('.chain.ok'), 'Audit chain intact');
    await shows(page.locator('table.audit tbody tr').first(), 'exception.decided');
    await shows(page.locator('table.audit tbody tr').first(), 'dev');

    // The trends draw it.
    await page.getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('img', { name: /Exception requests by policy and outcome/ }).waitFor();
    expect(await page.getByRole('img').count()).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
