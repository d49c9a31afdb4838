import type { WebClient } from '@slack/web-api';
import type { ChannelMembers } from '../../src/comms/comms-deps.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { readChannelMembers } from './read-channel-members.ts';
import type { SlackBotIdentity } from './slack-bot-identity.ts';
import { personOfChatUser } from '../../src/directory/chat-identities.ts';

/**
 * The members of a Slack channel as directory ids, read live (no cache:
 * publishing decides on it), the bot left out. A member the directory does
 * not know by Slack id (or by a kept email match) stays "slack:U…",
 * nobody's id, so it counts as outside every audience.
 */
export function createSlackChannelMembers(db: Db, client: WebClient, botIdentity: () => Promise<SlackBotIdentity | undefined>): ChannelMembers {
  return async ({ tenant, channel }) => {
    const members = await readChannelMembers(client, channel, (await botIdentity())?.botUserId);
    return members.map((id) => personOfChatUser(db, tenant, 'slack', id)?.id ?? `slack:${id}`);
  };
}
