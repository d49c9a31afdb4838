import type { ExceptionRequest } from '../../../src/exceptions/exception-request.ts';
import { exceptionStatuses } from '../../../src/exceptions/exception-request.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

const scopes = { all: 'every request of the tenant', groups: 'requests routed to your reviewer groups, and your own', own: 'your own requests' };

function expiry(request: ExceptionRequest, today: string): SafeHtml | string {
  if (request.status === 'expired') return html`ended ${request.expiresOn ?? ''}`;
  if (request.status !== 'approved' || !request.expiresOn) return '—';
  const days = Math.round((Date.parse(`${request.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return html`<time datetime="${request.expiresOn}">${request.expiresOn}</time> <span class="${days <= 7 ? 'badge warn' : 'muted'}">${days < 0 ? 'ended' : `in ${days} d`}</span>`;
}

/** The exception register: requests with status, decision and, for approved exceptions, when they end. */
export function registerPage(ctx: ConsoleContext, page: { access: ConsoleAccess; requests: ExceptionRequest[]; status: string | undefined; expiring: boolean; today: string; names: Map<string, string> }): SafeHtml {
  const name = (id: string | undefined) => (id ? (page.names.get(id) ?? id) : '—');
  return layout(ctx, {
    title: 'Exception register',
    current: '/console/exceptions',
    access: page.access,
    body: html`<p class="muted">Showing ${scopes[page.access.register]}.</p>
<form method="get" action="/console/exceptions" class="filters">
  <label for="status">Status</label>
  <select id="status" name="status"><option value="">any</option>${exceptionStatuses.map((status) => html`<option value="${status}"${status === page.status ? html` selected` : ''}>${status.replace('_', ' ')}</option>`)}</select>
  <label><input type="checkbox" name="expiring" value="30"${page.expiring ? html` checked` : ''}> approved, ending within 30 days</label>
  <button type="submit">Filter</button>
</form>
<table class="register">
<caption class="sr-only">Exception requests</caption>
<thead><tr><th scope="col">#</th><th scope="col">Requester</th><th scope="col">Policy and section</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Decision</th><th scope="col">Ends</th><th scope="col">Opened</th></tr></thead>
<tbody>
${page.requests.length === 0 && html`<tr><td colspan="8">No requests.</td></tr>`}
${page.requests.map(
  (r) => html`<tr>
  <td>${r.id}</td>
  <td>${name(r.requester)}</td>
  <td>${r.clause.title} <span class="muted">v${r.clause.version}</span><br><small>“${r.clause.section}”</small></td>
  <td>${r.amount !== undefined ? `${r.amount}${r.currency ? ` ${r.currency}` : ''}` : '—'}</td>
  <td><span class="status ${r.status}">${r.status.replace('_', ' ')}</span></td>
  <td>${r.decidedBy ? html`${name(r.decidedBy)}, ${r.decidedAt?.slice(0, 10)}${r.decisionReason && html`<br><small>${r.decisionReason}</small>`}` : '—'}</td>
  <td>${expiry(r, page.today)}</td>
  <td>${r.createdAt.slice(0, 10)}</td>
</tr>`,
)}
</tbody></table>`,
  });
}
