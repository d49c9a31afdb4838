import type { WebClient } from '@slack/web-api';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';

/** Member lists are cached for a minute and dropped at once when someone joins or leaves (member_joined_channel / member_left_channel). */
const membershipTtlMs = 60_000;

/**
 * Decides whether everyone in a Slack channel may see given policy versions.
 * When in doubt (a member list that cannot be read), the answer is no.
 */
export function createChannelAudience(db: Db, client: WebClient, now: () => number = Date.now) {
  const memberships = new Map<string, { at: number; members: string[]; people?: (Person | undefined)[] }>();

  async function channelMembers(channel: string): Promise<{ members: string[]; people?: (Person | undefined)[] } | undefined> {
    const cached = memberships.get(channel);
    if (cached && now() - cached.at < membershipTtlMs) return cached;
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (!page.ok || !page.members) return undefined;
      members.push(...page.members);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    if (memberships.size > 5000) memberships.clear();
    const entry = { at: now(), members };
    memberships.set(channel, entry);
    return entry;
  }

  return {
    async everyMemberMaySee(tenant: string, channel: string, versions: VersionRef[]): Promise<boolean> {
      if (versions.length === 0) return true;
      const entry = await channelMembers(channel);
      if (!entry) return false;
      // The directory people behind the members, looked up once per cached member list.
      entry.people ??= entry.members.map((id) => findPerson(db, tenant, 'slackId', id));
      return everyMemberMaySee(db, tenant, entry.people, versions);
    },
    /** Someone joined or left: the next check reads the member list again. */
    forget(channel: string): void {
      memberships.delete(channel);
    },
  };
}
