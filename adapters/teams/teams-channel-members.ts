import type { ChannelMembers } from '../../src/comms/comms-deps.ts';
import { personOfChatUser } from '../../src/directory/chat-identities.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { channelReference } from './conversation-references.ts';
import type { TeamsMessenger } from './create-teams-messenger.ts';
import { readRoster } from './read-roster.ts';

/**
 * The members of a Teams channel as directory ids, read live from the Bot
 * Connector roster of the channel (no cache: publishing decides on it), in a
 * proactive turn on the channel's stored reference. A member the directory
 * does not know by Entra object id stays "teams:<id>", nobody's id, so it
 * counts as outside every audience; the bot itself is left out. A tenant that
 * never installed the bot, or a roster Teams will not give, throws: nobody
 * could vouch for the members, so the comms check refuses the channel.
 */
export function createTeamsChannelMembers(db: Db, messenger: Pick<TeamsMessenger, 'within'>): ChannelMembers {
  return async ({ tenant, channel }) => {
    const reference = channelReference(db, tenant, channel);
    if (!reference) throw new Error('Policy Desk has not been installed in Teams for this organisation');
    const roster = await messenger.within(reference, (context) => readRoster(context, channel));
    return roster
      .filter((member) => member.id !== reference.bot.id)
      .map((member) => {
        const aadObjectId = member.aadObjectId?.toLowerCase();
        return (aadObjectId ? personOfChatUser(db, tenant, 'teams', aadObjectId)?.id : undefined) ?? `teams:${aadObjectId ?? member.id}`;
      });
  };
}
