import { z } from 'zod';
import type { Card } from './card.ts';
import type { NoticeTarget, RestrictedCard } from './enqueue-notice.ts';

const target = z.union([z.object({ group: z.string().min(1) }), z.object({ person: z.string().min(1) }), z.object({ conversation: z.string().min(1) })]);
const card = z.object({ body: z.array(z.object({ type: z.string() }).passthrough()), actions: z.array(z.object({ id: z.string(), label: z.string() }).passthrough()), summary: z.string() }).passthrough();
const versionRef = z.object({ policyId: z.string(), version: z.string(), jurisdiction: z.string().optional() });
const restricted = z.object({ versions: z.array(versionRef).min(1), withheld: card });

/** `inPlace`: a group's card of the same key posted before is redrawn, not posted again. */
export type NoticePayload = { to: NoticeTarget; card: Card; restricted?: RestrictedCard; inPlace?: boolean };

/** A `chat.notice` outbox payload read back by a notifier: the target, the card and, for a card quoting policies not everyone may see, what to show instead; checked before anything is posted. */
export function parseNoticePayload(json: string): NoticePayload {
  const parsed = z.object({ to: target, card, restricted: restricted.optional(), inPlace: z.boolean().optional() }).parse(JSON.parse(json));
  return parsed as unknown as NoticePayload;
}
