import { z } from 'zod';
import type { Card } from './card.ts';
import type { NoticeTarget } from './enqueue-notice.ts';

const target = z.union([z.object({ group: z.string().min(1) }), z.object({ person: z.string().min(1) }), z.object({ conversation: z.string().min(1) })]);
const card = z.object({ body: z.array(z.object({ type: z.string() }).passthrough()), actions: z.array(z.object({ id: z.string(), label: z.string() }).passthrough()), summary: z.string() }).passthrough();

/** A `chat.notice` outbox payload read back by a notifier: the target and the card, checked before anything is posted. */
export function parseNoticePayload(json: string): { to: NoticeTarget; card: Card } {
  const parsed = z.object({ to: target, card }).parse(JSON.parse(json));
  return parsed as unknown as { to: NoticeTarget; card: Card };
}
