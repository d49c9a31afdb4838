import type { FreshnessRow } from '../../../src/reports/policy-freshness.ts';
import { nearReviewDays } from '../../../src/reports/policy-freshness.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

const labels = { past: 'past review date', near: `due within ${nearReviewDays} days`, ok: 'fresh', unset: 'no review date' };

/** Policy freshness: the versions in force, the ones past or near their `review_by` first. */
export function freshnessPage(ctx: ConsoleContext, page: { access: ConsoleAccess; rows: FreshnessRow[]; today: string }): SafeHtml {
  const past = page.rows.filter((row) => row.freshness === 'past').length;
  const near = page.rows.filter((row) => row.freshness === 'near').length;
  return layout(ctx, {
    title: 'Policy freshness',
    current: '/console/freshness',
    access: page.access,
    body: html`<p>${page.rows.length} policy versions in force${page.access.freshness === 'visible' ? ' that you may see' : ''}: <strong>${past} past their review date</strong>, ${near} due within ${nearReviewDays} days (today is ${page.today}).</p>
<table class="freshness">
<caption class="sr-only">Policy versions by review date</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Version</th><th scope="col">Owner</th><th scope="col">Effective</th><th scope="col">Review by</th><th scope="col">Freshness</th></tr></thead>
<tbody>${page.rows.map(
      ({ version, freshness, daysLeft }) => html`<tr class="${freshness}">
<td>${version.title}${version.jurisdiction && html` <span class="muted">(${version.jurisdiction})</span>`} <small class="muted">${version.policyId}</small></td>
<td>${version.version}</td><td>${version.owner}</td><td>${version.effective}</td><td>${version.reviewBy ?? '—'}</td>
<td><span class="badge ${freshness}">${labels[freshness]}</span>${daysLeft !== undefined && html` <small>${daysLeft < 0 ? `${-daysLeft} d ago` : `in ${daysLeft} d`}</small>`}</td></tr>`,
    )}</tbody></table>`,
  });
}
