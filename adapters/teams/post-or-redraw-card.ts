import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { channelReference } from './conversation-references.ts';
import type { TeamsMessenger } from './create-teams-messenger.ts';

/**
 * Shows a card kept up to date in a group's Teams channel: the post made
 * before for the same card key there is updated in place (updateActivity),
 * so the channel holds one card with its current state; the first time it
 * is posted and its activity id kept.
 */
export async function postOrRedrawCard(db: Db, messenger: Pick<TeamsMessenger, 'toChannel' | 'update'>, input: { tenant: string; cardKey: string; channel: string; message: Record<string, unknown> }): Promise<void> {
  const { tenant, cardKey, channel, message } = input;
  const placed = statement<[string, string, string], { activity_id: string }>(db, 'SELECT activity_id FROM teams_notice_cards WHERE tenant = ? AND card_key = ? AND conversation_id = ?').get(tenant, cardKey, channel);
  const reference = channelReference(db, tenant, channel);
  if (placed && reference) {
    await messenger.update(reference, placed.activity_id, message);
    return;
  }
  const posted = await messenger.toChannel(tenant, channel, message);
  if (posted?.activityId) statement(db, 'INSERT OR IGNORE INTO teams_notice_cards (tenant, card_key, conversation_id, activity_id) VALUES (?, ?, ?, ?)').run(tenant, cardKey, channel, posted.activityId);
}
