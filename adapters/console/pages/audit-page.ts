import type { WatchedVerification } from '../../../src/audit/create-audit-chain-watch.ts';
import type { AuditHit, AuditSearch } from '../../../src/reports/search-audit-events.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { utcMinute } from '../../../src/utc-minute.ts';

function chainStatus(chain: WatchedVerification): SafeHtml {
  return chain.ok
    ? html`<div class="chain ok" role="status"><strong>Audit chain intact</strong>: ${chain.count} events verified (every tenant's; one chain), head <code>${chain.head.slice(0, 16)}…</code>; read in full at ${utcMinute(chain.fullCheckAt)}, new events since</div>`
    : html`<div class="chain broken" role="alert"><strong>Audit chain broken</strong>${chain.seq !== null ? html` at event ${chain.seq}` : ''}: ${chain.problem}</div>`;
}

function pretty(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    return data;
  }
}

/** Audit search: the chain's status, a search by type, actor, text and dates, and the matching events, newest first. */
export function auditPage(ctx: ConsoleContext, page: { access: ConsoleAccess; chain: WatchedVerification; search: AuditSearch; types: string[]; hits: AuditHit[]; error?: string }): SafeHtml {
  const families = [...new Set(page.types.map((type) => `${type.split('.')[0]}.*`))];
  const s = page.search;
  return layout(ctx, {
    title: 'Audit search',
    current: '/console/audit',
    access: page.access,
    body: html`${chainStatus(page.chain)}
<form method="get" action="/console/audit" class="filters" role="search">
  <label for="type">Type</label>
  <select id="type" name="type"><option value="">any</option>${[...families, ...page.types].map((type) => html`<option value="${type}"${type === s.type ? html` selected` : ''}>${type}</option>`)}</select>
  <label for="actor">Actor</label><input id="actor" name="actor" value="${s.actor ?? ''}" size="10">
  <label for="q">Text</label><input id="q" name="q" value="${s.text ?? ''}" size="16">
  <label for="from">From</label><input id="from" name="from" type="date" value="${s.from ?? ''}">
  <label for="to">To</label><input id="to" name="to" type="date" value="${s.to ?? ''}">
  <button type="submit">Search</button>
</form>
${page.error && html`<p class="message" role="alert">${page.error}</p>`}
<p class="muted">${page.hits.length} event${page.hits.length === 1 ? '' : 's'}${page.hits.length >= 200 ? ' (the newest 200; narrow the search)' : ''}.</p>
<table class="audit">
<caption class="sr-only">Audit events</caption>
<thead><tr><th scope="col">Seq</th><th scope="col">Time (UTC)</th><th scope="col">Type</th><th scope="col">Actor</th><th scope="col">Subject</th><th scope="col">Data</th></tr></thead>
<tbody>${page.hits.map(
      (hit) => html`<tr><td>${hit.seq}</td><td>${hit.at.replace('T', ' ').slice(0, 19)}</td><td>${hit.type}</td><td>${hit.actor}</td><td>${hit.subject ?? '—'}</td>
<td><details><summary>${hit.data.length > 80 ? `${hit.data.slice(0, 80)}…` : hit.data}</summary><pre>${pretty(hit.data)}</pre><small>hash <code>${hit.hash}</code></small></details></td></tr>`,
    )}</tbody></table>`,
  });
}
