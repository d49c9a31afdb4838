import { z } from 'zod';
import { parseNoticePayload } from '../../src/chat/notice-payload.ts';
import type { NoticeRow } from '../../src/reports/notices-for-person.ts';
import { cardToHtml, type RenderOptions } from './card-to-html.ts';
import { html, inlineMarkup, type SafeHtml } from './html.ts';
import { utcMinute } from '../../src/utc-minute.ts';

const eventPayload = z.looseObject({
  id: z.number(),
  status: z.string(),
  actor: z.string(),
  note: z.string().nullable().optional(),
  decisionReason: z.string().nullable().optional(),
  expiresOn: z.string().nullable().optional(),
  policy: z.looseObject({ title: z.string(), section: z.string() }),
});

/** What a requester is told of an event on their request, in the words of their Slack thread. */
function eventText(topic: string, event: z.infer<typeof eventPayload>, nameOf: (id: string) => string): string {
  const request = `Your exception request #${event.id}`;
  const actor = nameOf(event.actor);
  switch (topic) {
    case 'exception.requested':
      return `${request} on the ${event.policy.title}, "${event.policy.section}", is with the reviewers.`;
    case 'exception.advanced':
      return `${request} was approved by ${actor} and is now with the next reviewers.`;
    case 'exception.decided':
      return event.status === 'approved'
        ? `✅ ${request} was **approved** by ${actor}. It ends on ${event.expiresOn ?? '—'}.`
        : `⛔ ${request} was **denied** by ${actor}: ${event.decisionReason ?? ''}`;
    case 'exception.info_requested':
      return `❓ ${actor} asks about ${request.charAt(0).toLowerCase()}${request.slice(1)}: ${event.note ?? ''} (answer it under "Your exception requests").`;
    case 'exception.expiring':
      return `${request}'s exception ends on ${event.expiresOn ?? '—'}.`;
    case 'exception.expired':
      return `⌛ The exception of ${request.charAt(0).toLowerCase()}${request.slice(1)} has ended.`;
    default:
      return `${request}: ${topic}`;
  }
}

/** One notice as HTML: a `chat.notice` card as its card, an exception event as a line. A malformed row shows as nothing. */
export function noticeToHtml(row: NoticeRow, options: RenderOptions, nameOf: (id: string) => string): SafeHtml | undefined {
  const time = html`<time datetime="${row.created_at}">${utcMinute(row.created_at)}</time>`;
  try {
    if (row.topic === 'chat.notice') return html`<li>${cardToHtml(parseNoticePayload(row.payload).card, options)}${time}</li>`;
    const event = eventPayload.parse(JSON.parse(row.payload));
    return html`<li><p>${inlineMarkup(eventText(row.topic, event, nameOf))}</p>${time}</li>`;
  } catch {
    return undefined;
  }
}
