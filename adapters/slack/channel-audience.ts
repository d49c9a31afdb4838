import type { WebClient } from '@slack/web-api';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';

/** Member lists are cached for a minute and dropped at once when someone joins or leaves (member_joined_channel / member_left_channel). */
const membershipTtlMs = 60_000;

/**
 * Decides whether everyone in a Slack channel may see given policy versions.
 * When in doubt (a member list that cannot be read), the answer is no.
 */
export function createChannelAudience(db: Db, client: WebClient, now: () => number = Date.now) {
  const memberships = new Map<string, { at: number; members: string[] }>();

  async function channelMembers(channel: string): Promise<string[] | undefined> {
    const cached = memberships.get(channel);
    if (cached && now() - cached.at < membershipTtlMs) return cached.members;
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (!page.ok || !page.members) return undefined;
      members.push(...page.members);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    if (memberships.size > 5000) memberships.clear();
    memberships.set(channel, { at: now(), members });
    return members;
  }

  return {
    async everyMemberMaySee(tenant: string, channel: string, versions: VersionRef[]): Promise<boolean> {
      if (versions.length === 0) return true;
      const ids = await channelMembers(channel);
      if (!ids) return false;
      return everyMemberMaySee(db, tenant, ids.map((id) => findPerson(db, tenant, 'slackId', id)), versions);
    },
    /** Someone joined or left: the next check reads the member list again. */
    forget(channel: string): void {
      memberships.delete(channel);
    },
  };
}
