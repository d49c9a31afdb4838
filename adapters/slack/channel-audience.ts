import type { WebClient } from '@slack/web-api';
import { canSeeVersion } from '../../src/access/can-see-version.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';

/** Channel members change rarely; a minute of staleness is fine, and large channels are not re-read per answer. */
const membershipTtlMs = 60_000;

/**
 * Decides whether everyone in a channel may see every policy version an
 * answer cites. Members the directory does not know (guests, people from
 * other organisations) count as anonymous: they see public policies only.
 * When in doubt (a member list that cannot be read), the answer is not for
 * the channel. Member lists are cached per channel for a minute.
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
    async everyMemberMaySee(tenant: string, channel: string, result: AskResult): Promise<boolean> {
      if (result.citations.length === 0) return true;
      const catalog = loadCatalog(db, tenant);
      const cited = result.citations.map((citation) =>
        catalog.versions.find((v) => v.policyId === citation.policyId && v.version === citation.version && (v.jurisdiction ?? undefined) === citation.jurisdiction),
      );
      if (cited.some((version) => version === undefined)) return false;
      const ids = await channelMembers(channel);
      if (!ids) return false;
      // People whom visibility treats alike are checked once.
      const kinds = new Map<string, Person | undefined>();
      for (const id of ids) {
        const member = findPerson(db, tenant, 'slackId', id);
        kinds.set(member ? JSON.stringify([member.department, member.location, member.roles, member.groups]) : 'anonymous', member);
      }
      return cited.every((version) => [...kinds.values()].every((member) => canSeeVersion(member, version!)));
    },
  };
}
