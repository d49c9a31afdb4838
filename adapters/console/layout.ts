import { reviewerQueue } from '../../src/reports/reviewer-queue.ts';
import type { ConsoleAccess } from './console-access.ts';
import type { ConsoleContext } from './console-context.ts';
import { html, type SafeHtml } from './html.ts';

type NavItem = { path: string; label: string; show: (access: ConsoleAccess) => boolean };

const nav: NavItem[] = [
  { path: '/console/playground', label: 'Chat playground', show: () => true },
  { path: '/console/queue', label: 'Reviewer queue', show: (access) => access.queue.allowed },
  { path: '/console/exceptions', label: 'Exception register', show: () => true },
  { path: '/console/audit', label: 'Audit search', show: (access) => access.audit.allowed },
  { path: '/console/freshness', label: 'Policy freshness', show: () => true },
  { path: '/console/trends', label: 'Trends', show: (access) => access.trends.allowed },
];

/** The hidden CSRF field every console form carries. */
export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** A console page: header with who is signed in, navigation to what they may open, and the content. */
export function layout(ctx: ConsoleContext, page: { title: string; current?: string; access?: ConsoleAccess; body: SafeHtml }): SafeHtml {
  const viewer = ctx.viewer;
  const items = page.access ? nav.filter((item) => item.show(page.access!)) : [];
  // What waits on a reviewer, on every page: the console's counterpart of a post in the group's channel.
  const waiting = viewer && page.access?.queue.allowed ? reviewerQueue(ctx.deps.db, viewer.tenant, viewer.person, ctx.deps.now()).length : 0;
  return html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Policy Desk</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/static/console.css">
<script src="/console/static/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/console/">Policy Desk</a>
  ${items.length > 0 && html`<nav aria-label="Console"><ul>${items.map((item) => html`<li><a href="${item.path}"${item.path === page.current ? html` aria-current="page"` : ''}>${item.label}${item.path === '/console/queue' && waiting > 0 && html` <span class="count" aria-label="${waiting} waiting">${waiting}</span>`}</a></li>`)}</ul></nav>`}
  ${viewer && html`<div class="who">
    <span>Signed in as <strong>${viewer.person.name}</strong> <span class="muted">(${viewer.person.id} · ${viewer.tenant})</span></span>
    ${viewer.via === 'local' && html`<a href="/console/sign-in">Switch user</a>`}
    <form method="post" action="/console/sign-out" class="inline">${csrfField(ctx.csrf)}<button type="submit" class="link">Sign out</button></form>
  </div>`}
</header>
<main id="main">
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>`;
}

/** A page that only says something: a refusal, an error, a sign-in that failed. */
export function messagePage(ctx: ConsoleContext, title: string, message: string, options: { access?: ConsoleAccess; link?: { href: string; label: string } } = {}): SafeHtml {
  return layout(ctx, {
    title,
    ...(options.access ? { access: options.access } : {}),
    body: html`<p class="message" role="alert">${message}</p>${options.link && html`<p><a href="${options.link.href}">${options.link.label}</a></p>`}`,
  });
}
