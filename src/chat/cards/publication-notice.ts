import type { Card } from '../card.ts';

/** A one-line card for a notice sent through the outbox (no buttons). */
export function noticeCardBody(text: string): Card {
  return { body: [{ type: 'text', text }], actions: [], summary: text };
}
