import type { WebClient } from '@slack/web-api';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import type { cardToBlockKit } from './card-to-block-kit.ts';
import { postMessageOnce, type PostOnce } from './post-message-once.ts';

/**
 * Shows a card kept up to date in a channel: the message posted before for
 * the same card key there is redrawn (chat.update), so the channel holds
 * one card with its current state; the first time, it is posted once and
 * its ts kept.
 */
export async function postOrRedrawCard(db: Db, client: WebClient, input: { tenant: string; cardKey: string; message: { channel: string } & ReturnType<typeof cardToBlockKit> }, once: PostOnce): Promise<void> {
  const { tenant, cardKey, message } = input;
  const placed = statement<[string, string, string], { ts: string }>(db, 'SELECT ts FROM slack_notice_cards WHERE tenant = ? AND card_key = ? AND channel = ?').get(tenant, cardKey, message.channel);
  if (placed) {
    await client.chat.update({ ...message, ts: placed.ts });
    return;
  }
  const posted = await postMessageOnce(client, message, once);
  if (posted.ts) statement(db, 'INSERT OR IGNORE INTO slack_notice_cards (tenant, card_key, channel, ts) VALUES (?, ?, ?, ?)').run(tenant, cardKey, message.channel, posted.ts);
}
