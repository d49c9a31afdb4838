import type { WebClient } from '@slack/web-api';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import type { Person } from '../../src/directory/find-person.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { readChannelMembers } from './read-channel-members.ts';
import type { SlackBotIdentity } from './slack-bot-identity.ts';
import { personOfChatUser } from '../../src/directory/chat-identities.ts';

/** Member lists are cached for a minute and dropped at once when someone joins or leaves (member_joined_channel / member_left_channel). */
const membershipTtlMs = 60_000;

/**
 * Decides whether everyone in a Slack channel may see given policy versions.
 * The bot itself is not one of them. When in doubt (a member list Slack
 * does not give, or an error reading it), the answer is no: the asker gets
 * the answer privately.
 */
export function createChannelAudience(
  db: Db,
  client: WebClient,
  options: { botIdentity: () => Promise<SlackBotIdentity | undefined>; logger?: Logger; now?: () => number },
) {
  const { botIdentity, logger, now = Date.now } = options;
  const memberships = new Map<string, { at: number; members: string[]; people?: (Person | undefined)[] }>();

  async function channelMembers(channel: string): Promise<{ members: string[]; people?: (Person | undefined)[] } | undefined> {
    const cached = memberships.get(channel);
    if (cached && now() - cached.at < membershipTtlMs) return cached;
    const bot = (await botIdentity())?.botUserId;
    let members: string[];
    try {
      members = await readChannelMembers(client, channel, bot);
    } catch (error) {
      logger?.warn('slack channel members unreadable; answering privately', { channel, error: (error as Error).message });
      return undefined;
    }
    const entry = { at: now(), members };
    // Read while Slack would not say who the bot is, the list counts the bot as a stranger: used once, not kept.
    if (!bot) return entry;
    if (memberships.size > 5000) memberships.clear();
    memberships.set(channel, entry);
    return entry;
  }

  return {
    /** `live`: read the member list now rather than trust one read in the last minute (a card posted once, for everyone in a channel). */
    async everyMemberMaySee(tenant: string, channel: string, versions: VersionRef[], options: { live?: boolean } = {}): Promise<boolean> {
      if (versions.length === 0) return true;
      if (options.live) memberships.delete(channel);
      const entry = await channelMembers(channel);
      if (!entry) return false;
      // The directory people behind the members, looked up once per cached member list.
      entry.people ??= entry.members.map((id) => personOfChatUser(db, tenant, 'slack', id));
      return everyMemberMaySee(db, tenant, entry.people, versions);
    },
    /** Someone joined or left: the next check reads the member list again. */
    forget(channel: string): void {
      memberships.delete(channel);
    },
  };
}
