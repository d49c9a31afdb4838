import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { enqueueNotice } from '../../../src/chat/enqueue-notice.ts';
import { loadExceptions } from './load-exceptions.ts';
import { loadExamples } from '../../support/examples.ts';
import { createBrowser, formSpecs, startConsole } from './console-harness.ts';

/** Ana (engineering) asks about business class and requests an exception through the answer's form. */
async function anaRequestsAnException(browser: ReturnType<typeof createBrowser>) {
  await browser.signIn('acme/ana');
  const answered = await browser.say('Can I fly business class?');
  const intake = formSpecs(answered.text).find((form) => form.id === 'exception.intake');
  if (!intake) throw new Error('the answer offers no exception form');
  const sent = await browser.post('/console/chat/form', {
    back: '/console/playground',
    spec: JSON.stringify(intake),
    'field.justification': 'Overnight flight to Tokyo; I present on arrival.',
    'field.amount': '4100',
    'field.currency': 'usd',
  });
  expect(sent.status).toBe(303);
  return browser.follow(sent);
}

/** A GET with headers fetch refuses to set (Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}

describe('console: sign-in', () => {
  it('redirects / to the console, and the console to sign-in, which offers every directory person', async () => {
    const { base } = await startConsole(await loadExamples());
    const browser = createBrowser(base);
    expect((await browser.get('/')).location).toBe('/console/');
    expect((await browser.get('/console/')).location).toBe('/console/sign-in');
    const page = await browser.get('/console/sign-in');
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="acme/ana"');
    expect(page.text).toContain('value="globex/homer"');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const session = await browser.signIn('acme/ana');
    expect(session.status).toBe(303);
    expect(session.location).toBe('/console/playground');
    const cookies = session.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/pd_session=[^;]+; Path=\/console; HttpOnly; SameSite=Lax/);
    expect((await browser.follow(session)).text).toContain('Signed in as <strong>Ana Souza</strong>');
  });

  it('refuses local sign-in to a request from another machine, and voids a local session there', async () => {
    let remote = '127.0.0.1';
    const { base } = await startConsole(await loadExamples(), { remoteAddress: () => remote });
    const browser = createBrowser(base);
    await browser.signIn('acme/ana');
    expect((await browser.get('/console/playground')).status).toBe(200);
    remote = '203.0.113.7';
    const page = await browser.get('/console/sign-in');
    expect(page.status).toBe(403);
    expect(page.text).toContain('only accepts requests from this machine; yours came from 203.0.113.7');
    expect(page.text).not.toContain('acme/ana');
    expect((await browser.post('/console/sign-in/local', { who: 'acme/olga' })).status).toBe(403);
    // The cookie from before is no key from out there.
    expect((await browser.get('/console/playground')).location).toBe('/console/sign-in');
  });

  it('refuses local sign-in when the service listens beyond loopback, or the page was opened under another name', async () => {
    const exposed = await startConsole(await loadExamples(), { listenHost: '0.0.0.0' });
    const page = await createBrowser(exposed.base).get('/console/sign-in');
    expect(page.status).toBe(403);
    expect(page.text).toContain('only available when Policy Desk listens on loopback');
    // fetch will not send another Host header; a DNS-rebound page would.
    const local = await startConsole(await loadExamples());
    const rebound = await rawGet(`${local.base}/console/sign-in`, { host: 'attacker.example:3000' });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain('was opened as attacker.example:3000');
  });

  it('refuses an unknown person and signs out', async () => {
    const { base } = await startConsole(await loadExamples());
    const browser = createBrowser(base);
    await browser.get('/console/sign-in');
    const unknown = await browser.post('/console/sign-in/local', { who: 'acme/mallory' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Nobody called &quot;acme/mallory&quot;');
    await browser.signIn('acme/ana');
    await browser.get('/console/playground');
    const copied = createBrowser(base);
    for (const [name, value] of browser.jar) copied.jar.set(name, value);
    expect((await copied.get('/console/playground')).status).toBe(200);
    expect((await browser.post('/console/sign-out', {})).location).toBe('/console/sign-in');
    expect((await browser.get('/console/playground')).location).toBe('/console/sign-in');
    // Sign out ends the session on the server: cookies copied before it open nothing.
    expect((await copied.get('/console/playground')).location).toBe('/console/sign-in');
    // Signing in again in the same browser starts a new session.
    await browser.signIn('acme/ana');
    expect((await browser.get('/console/playground')).status).toBe(200);
  });
});

describe('console: CSRF', () => {
  it('refuses a POST without the token, with a wrong one, with another browser\'s, or from another origin', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    const browser = createBrowser(base);
    await browser.signIn('acme/ana');
    await browser.get('/console/playground');
    const missing = await browser.post('/console/chat/message', { _csrf: '', text: 'How many vacation days do I get?' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('security token is missing or wrong');
    expect((await browser.post('/console/chat/message', { _csrf: 'forged', text: 'hi' })).status).toBe(403);
    const other = createBrowser(base);
    await other.get('/console/sign-in');
    expect((await browser.post('/console/chat/message', { _csrf: other.csrf!, text: 'hi' })).status).toBe(403);
    expect((await browser.post('/console/chat/message', { text: 'hi' }, { origin: 'https://attacker.example' })).status).toBe(403);
    // Nothing was asked.
    expect(db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
    // A sign-in form posted by another site is refused too (login CSRF).
    expect((await createBrowser(base).post('/console/sign-in/local', { who: 'acme/olga' })).status).toBe(403);
    expect((await browser.post('/console/chat/message', { text: 'How many vacation days do I get?', back: '/console/playground' })).status).toBe(303);
  });
});

describe('console: the employee-to-reviewer flow over HTTP', () => {
  it('answers with citations, opens a request from the form, lets the reviewer approve from the queue, and shows it in the audit', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    const ana = createBrowser(base);
    const afterRequest = await anaRequestsAnException(ana);
    expect(afterRequest.text).toContain('Travel policy</strong>, version 4.2, section “2. Airfare”, effective 2025-07-01');
    expect(afterRequest.text).toMatch(/Your exception request #1 on the Travel policy, &quot;2\. Airfare&quot;, is with finance/);
    expect(afterRequest.text).toContain('waiting for a decision');

    const dev = createBrowser(base);
    await dev.signIn('acme/dev');
    const queue = await dev.get('/console/queue');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Exception request #1: Travel policy');
    expect(queue.text).toContain('SLA:</strong> due in 72 h');
    const approved = await dev.post('/console/chat/action', { action: 'exception.approve', value: JSON.stringify({ requestId: '1' }), label: 'Approve', back: '/console/queue' });
    expect(approved.location).toMatch(/^\/console\/queue\?shown=\d+/);
    const done = await dev.follow(approved);
    expect(done.text).toContain('✅ Approved by Dev Patel');
    expect(done.text).toContain('Nothing is waiting for your groups.');
    expect(loadExceptions(db)).toEqual([{ id: 1, status: 'approved', decided_by: 'dev' }]);

    const anasPage = await ana.get('/console/playground');
    expect(anasPage.text).toContain('<dt>Status</dt><dd><strong>approved</strong></dd>');
    // What Slack would tell her in her thread, she reads under Notices.
    expect(anasPage.text).toMatch(/✅ Your exception request #1 was <strong>approved<\/strong> by Dev Patel\. It ends on \d{4}-\d{2}-\d{2}\./);

    const priya = createBrowser(base);
    await priya.signIn('acme/priya');
    const audit = await priya.get('/console/audit?type=exception.decided');
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('Audit chain intact');
    expect(audit.text).toMatch(/<td>exception\.decided<\/td><td>dev<\/td><td>exception:1<\/td>/);
    const register = await priya.get('/console/exceptions?status=approved');
    expect(register.text).toMatch(/<td>1<\/td>\s*<td>Ana Souza<\/td>/);
  });

  it('shows a refused form again with its message and what was typed', async () => {
    const { base } = await startConsole(await loadExamples());
    const ana = createBrowser(base);
    await ana.signIn('acme/ana');
    const answered = await ana.say('Can I fly business class?');
    const intake = formSpecs(answered.text).find((form) => form.id === 'exception.intake')!;
    const refused = await ana.post('/console/chat/form', { back: '/console/playground', spec: JSON.stringify(intake), 'field.justification': 'Tokyo', 'field.amount': 'lots' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('&quot;lots&quot; is not an amount.');
    expect(refused.text).toMatch(/<textarea id="retry-justification" name="field.justification" required[^>]*>Tokyo<\/textarea>/);
  });
});

describe('console: a reviewer\'s question and the requester\'s answer', () => {
  it('lets the reviewer ask for information from the queue and the requester answer from the playground', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    await anaRequestsAnException(createBrowser(base));
    const dev = createBrowser(base);
    await dev.signIn('acme/dev');
    const queue = await dev.get('/console/queue');
    const ask = formSpecs(queue.text).find((form) => form.id === 'exception.ask-info')!;
    const asked = await dev.post('/console/chat/form', { back: '/console/queue', spec: JSON.stringify(ask), 'field.reason': 'Which flight number?' });
    expect((await dev.follow(asked)).text).toContain('Waiting for the requester to answer');
    expect(loadExceptions(db)).toEqual([{ id: 1, status: 'needs_info', decided_by: null }]);

    const ana = createBrowser(base);
    await ana.signIn('acme/ana');
    const page = await ana.get('/console/playground');
    expect(page.text).toContain('Dev Patel asks about your exception request #1: Which flight number?');
    const answer = formSpecs(page.text).find((form) => form.id === 'exception.answer')!;
    expect(answer.value).toEqual({ requestId: '1' });
    const answered = await ana.post('/console/chat/form', { back: '/console/playground', spec: JSON.stringify(answer), 'field.answer': 'JL 5, overnight' });
    expect((await ana.follow(answered)).text).toContain('Thanks: your answer is with the reviewers of request #1.');
    expect(loadExceptions(db)).toEqual([{ id: 1, status: 'pending', decided_by: null }]);
  });

  it('shows a history entry it cannot read as such, not an error', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    const ana = createBrowser(base);
    await ana.signIn('acme/ana');
    db.prepare("INSERT INTO console_messages (tenant, conversation, at, author, body) VALUES ('acme', 'console:acme:ana', '2026-03-01T00:00:00Z', 'bot', ?)").run(JSON.stringify({ kind: 'card', to: 'asker', card: { body: [{ type: 'hologram' }], actions: [], summary: 's' } }));
    const page = await ana.get('/console/playground');
    expect(page.status).toBe(200);
    expect(page.text).toContain('(a message this version of the console cannot show)');
  });
});

describe('console: announcements in the playground', () => {
  it('drafts an announcement through the same router, with its claim check and buttons', async () => {
    const { base } = await startConsole(await loadExamples());
    const nora = createBrowser(base);
    await nora.signIn('acme/nora');
    const page = await nora.say('draft an announcement about the new UK time-off rules for UK employees, friendly tone');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/template draft/i);
    expect(page.text).toContain('name="action" value="draft.');
  });
});

describe('console: notices', () => {
  it('shows chat notices addressed to the person, their group or their console conversation, and no one else\'s', async () => {
    const db = await loadExamples();
    const at = new Date();
    const card = (text: string) => ({ body: [{ type: 'text' as const, text }], actions: [], summary: text });
    enqueueNotice(db, { tenant: 'acme', to: { group: 'finance' }, card: card('Finance: **travel** rules changed'), key: 'n1', at });
    enqueueNotice(db, { tenant: 'acme', to: { person: 'dev' }, card: card('Dev, your review is due'), key: 'n2', at });
    enqueueNotice(db, { tenant: 'acme', to: { conversation: 'console:acme:dev' }, card: card('In your console'), key: 'n3', at });
    enqueueNotice(db, { tenant: 'acme', to: { group: 'hr' }, card: card('People team only'), key: 'n4', at });
    const { base } = await startConsole(db);
    const dev = createBrowser(base);
    await dev.signIn('acme/dev');
    const page = await dev.get('/console/playground');
    expect(page.text).toContain('Finance: <strong>travel</strong> rules changed');
    expect(page.text).toContain('Dev, your review is due');
    expect(page.text).toContain('In your console');
    expect(page.text).not.toContain('People team only');
  });
});

describe('console: access follows the rules and the directory', () => {
  it('keeps non-reviewers out of the queue and refuses their decisions (audited)', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    await anaRequestsAnException(createBrowser(base));
    const amelia = createBrowser(base);
    await amelia.signIn('acme/amelia');
    const queue = await amelia.get('/console/queue');
    expect(queue.status).toBe(403);
    expect(queue.text).toMatch(/You cannot open the reviewer queue: .*\(rule reviewers-decide\)/);
    expect(queue.text).not.toContain('Exception request #1');
    // A hand-made Approve (the button is nowhere on her pages) is checked on the server all the same.
    const forced = await amelia.post('/console/chat/action', { action: 'exception.approve', value: JSON.stringify({ requestId: '1' }), back: '/console/playground' });
    expect(forced.status).toBe(303);
    expect((await amelia.follow(forced)).text).toContain('Exceptions are decided by the reviewer group that owns the policy');
    expect(loadExceptions(db)).toEqual([{ id: 1, status: 'pending', decided_by: null }]);
    expect(db.prepare("SELECT actor, subject FROM audit_events WHERE type = 'permission.denied'").all()).toEqual([{ actor: 'amelia', subject: 'exception:1' }]);
  });

  it('opens the audit search and trends to read-audit holders only, and the register by scope', async () => {
    const db = await loadExamples();
    const { base } = await startConsole(db);
    await anaRequestsAnException(createBrowser(base));
    const tom = createBrowser(base);
    await tom.signIn('acme/tom');
    expect((await tom.get('/console/audit')).status).toBe(403);
    expect((await tom.get('/console/trends')).status).toBe(403);
    const tomsPage = await tom.get('/console/playground');
    expect(tomsPage.text).not.toContain('href="/console/audit"');
    expect((await tom.get('/console/exceptions')).text).toContain('No requests.');
    const olga = createBrowser(base);
    await olga.signIn('acme/olga');
    // Olga is an IT administrator: access.yml lets admins read the audit.
    expect((await olga.get('/console/audit')).status).toBe(200);
    const trends = await olga.get('/console/trends?days=7');
    expect(trends.status).toBe(200);
    expect(trends.text).toMatch(/<svg[^>]+role="img" aria-labelledby="questions-t questions-d"/);
    expect(trends.text).toContain('<title id="exceptions-t">Exception requests by policy and outcome</title>');
    expect(trends.text).toContain('<th scope="row">Travel policy</th><td>0</td><td>0</td><td>1</td>');
  });

  it('shows policy freshness: versions past review_by first', async () => {
    const { base } = await startConsole(await loadExamples(), { now: () => new Date('2026-11-23T12:00:00Z') });
    const ana = createBrowser(base);
    await ana.signIn('acme/ana');
    const page = await ana.get('/console/freshness');
    expect(page.status).toBe(200);
    const firstRow = page.text.match(/<tbody><tr class="(\w+)">\s*<td>([^<]+)/);
    expect(firstRow?.slice(1).map((cell) => cell.trim())).toEqual(['past', 'Code of conduct']);
    // Ana may not see the restricted investigations procedure; an auditor sees every version in force.
    expect(page.text).not.toContain('Workplace investigations procedure');
    const priya = createBrowser(await startConsole(await loadExamples()).then((s) => s.base));
    await priya.signIn('acme/priya');
    expect((await priya.get('/console/freshness')).text).toContain('Workplace investigations procedure');
  });
});
