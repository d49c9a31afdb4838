import type { Card } from './card.ts';
import type { VersionRef } from './chat-event.ts';
import type { NoticePayload } from './notice-payload.ts';

/**
 * The card of a notice that its readers may be shown: the card itself,
 * unless it is restricted and `readersMaySee` does not confirm that every
 * reader (a channel's live members, a person) may see the policy versions
 * it quotes; then, and when the check fails, the withheld card.
 */
export async function readableNoticeCard(notice: NoticePayload, readersMaySee: (versions: VersionRef[]) => Promise<boolean>): Promise<Card> {
  if (!notice.restricted) return notice.card;
  const allowed = await readersMaySee(notice.restricted.versions).catch(() => false);
  return allowed ? notice.card : notice.restricted.withheld;
}
