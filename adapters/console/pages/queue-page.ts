import { exceptionCard } from '../../../src/chat/cards/exception-card.ts';
import type { QueueItem } from '../../../src/reports/reviewer-queue.ts';
import { cardToHtml, formToHtml } from '../card-to-html.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import type { HistoryEntry } from '../conversation-history.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { utcMinute } from '../../../src/utc-minute.ts';

function slaStatus(item: QueueItem, now: Date): SafeHtml {
  const hours = Math.round((item.dueAt.getTime() - now.getTime()) / 3_600_000);
  const waiting = item.request.status === 'needs_info' ? html` · waiting for the requester's answer` : '';
  return item.overdue
    ? html`<p class="sla overdue"><strong>SLA missed:</strong> overdue by ${-hours} h${waiting}</p>`
    : html`<p class="sla"><strong>SLA:</strong> due in ${hours} h (${utcMinute(item.dueAt.toISOString())})${waiting}</p>`;
}

/** A reply to the reviewer's last button: the card redrawn with the outcome, a note, or a form to fill in. */
function shownEntry(ctx: ConsoleContext, entry: HistoryEntry): SafeHtml {
  const options = { csrf: ctx.csrf, back: '/console/queue', idPrefix: `s${entry.id}` };
  if (entry.body.kind === 'card') return cardToHtml(entry.body.card, options);
  if (entry.body.kind === 'form') return html`<div class="card">${formToHtml(entry.body.form, options)}</div>`;
  return html`<p>${entry.body.text}</p>`;
}

/**
 * The reviewer queue: what waits on the signed-in person's groups, soonest
 * due first, each with its SLA status and the approval card that Slack and
 * Teams post to the group's channel (same core card, same router actions).
 */
export function queuePage(ctx: ConsoleContext, page: { access: ConsoleAccess; items: QueueItem[]; shown: HistoryEntry[]; now: Date }): SafeHtml {
  const groups = ctx.viewer!.person.groups;
  return layout(ctx, {
    title: 'Reviewer queue',
    current: '/console/queue',
    access: page.access,
    body: html`${page.shown.length > 0 && html`<section class="flash" role="status" aria-label="What your last action did"><h2>Done</h2>${page.shown.map((entry) => shownEntry(ctx, entry))}</section>`}
<p class="muted">Requests waiting on ${groups.length > 0 ? groups.join(', ') : 'your groups'}: ${page.items.length}${page.items.some((item) => item.overdue) ? html`, <strong>${page.items.filter((item) => item.overdue).length} past their SLA</strong>` : ''}.</p>
${page.items.length === 0 && html`<p class="message">Nothing is waiting for your groups.</p>`}
<ol class="queue">${page.items.map(
      (item) => html`<li>${slaStatus(item, page.now)}${cardToHtml(exceptionCard(ctx.deps.db, item.request), { csrf: ctx.csrf, back: '/console/queue', idPrefix: `q${item.request.id}` })}</li>`,
    )}</ol>`,
  });
}
