import { describe, expect, it } from 'vitest';
import { makeTenant } from '../../support/make-tenant.ts';
import { createBrowser, startConsole } from './console-harness.ts';

const hostile = '<img src=x onerror=alert(1)>';

const policy = `---
id: meals
title: "Meals <script>alert('title')</script> policy"
version: "1"
effective: 2025-01-01
owner: finance
---

# Meals policy

## Dinner allowance

The dinner allowance is 60 dollars per night when travelling & staying in a hotel. Write "<script>alert('policy')</script>" nowhere; ${hostile} is not an image.
`;

describe('console: HTML escaping', () => {
  it('escapes policy text, titles, people and questions everywhere they are shown', async () => {
    const { db } = await makeTenant('acme', { 'meals.md': policy }, {
      users: [
        { id: 'eve', name: `Eve ${hostile}`, department: 'sales', location: 'US', roles: ['employee'] },
        { id: 'fin', name: 'Finn', department: 'finance', location: 'US', roles: ['employee', 'auditor'] },
      ],
      groups: [{ id: 'finance', name: 'Finance <b>reviewers</b>', members: ['fin'] }],
    });
    const { base } = await startConsole(db);
    const eve = createBrowser(base);
    const signIn = await eve.get('/console/sign-in');
    expect(signIn.text).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    await eve.signIn('acme/eve');
    await eve.say("What's the dinner allowance per night? <script>alert('question')</script>");
    const page = await eve.get('/console/playground');
    expect(page.text).toContain('60 dollars per night');
    expect(page.text).toContain('Meals &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; policy');
    expect(page.text).toContain('&lt;script&gt;alert(&#39;question&#39;)&lt;/script&gt;');
    expect(page.text).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    // Whatever of the policy's own markup survived ingest is text, never markup.
    expect(page.text).not.toMatch(/<script>alert|<img src=x/);
    const finn = createBrowser(base);
    await finn.signIn('acme/fin');
    for (const path of ['/console/freshness', '/console/exceptions', `/console/audit?q=${encodeURIComponent('<script>')}`]) {
      const other = await finn.get(path);
      expect(other.status).toBe(200);
      expect(other.text).not.toMatch(/<script>alert|<img src=x/);
    }
    expect((await finn.get('/console/freshness')).text).toContain('Meals &lt;script&gt;');
    expect((await finn.get(`/console/audit?q=${encodeURIComponent('<script>')}`)).text).toContain('value="&lt;script&gt;"');
  });
});
