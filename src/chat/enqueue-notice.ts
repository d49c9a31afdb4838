import { enqueueOutboxMessage } from '../outbox/enqueue-outbox-message.ts';
import type { Db } from '../storage/open-database.ts';
import type { Card } from './card.ts';
import type { VersionRef } from './chat-event.ts';

/** Who a notice is for: a directory group (its Slack / Teams channel), a person (their personal chat), or a conversation by its id. */
export type NoticeTarget = { group: string } | { person: string } | { conversation: string };

/**
 * A card that quotes policy versions not everyone may see: it is shown only
 * to readers who may see every one of `versions` (a channel whose live
 * members all may, a person who may); everyone else gets `withheld`, which
 * names the sources and says where the text can be read privately.
 */
export type RestrictedCard = { versions: VersionRef[]; withheld: Card };

export const noticeTopic = 'chat.notice';

/**
 * Queues a card for a group, a person or a conversation, delivered by every
 * configured channel adapter's notifier (Slack, Teams) from the outbox. Call
 * it inside the transaction of the change it reports; `key` names the notice
 * so a repeat of the same change queues nothing new. With `inPlace`, a
 * group's card of the same `card.key` posted before is redrawn (its state
 * for everyone) rather than posted again.
 */
export function enqueueNotice(db: Db, input: { tenant: string; to: NoticeTarget; card: Card; restricted?: RestrictedCard; inPlace?: boolean; key: string; at: Date }): { id: number; created: boolean } {
  return enqueueOutboxMessage(db, {
    tenant: input.tenant,
    topic: noticeTopic,
    payload: { to: input.to, card: input.card, ...(input.restricted ? { restricted: input.restricted } : {}), ...(input.inPlace ? { inPlace: true } : {}) },
    idempotencyKey: `${noticeTopic}:${input.key}`,
    at: input.at,
  });
}
