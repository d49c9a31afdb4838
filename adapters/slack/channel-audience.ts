import type { WebClient } from '@slack/web-api';
import { canSeeVersion } from '../../src/access/can-see-version.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';

/**
 * Whether everyone in a channel may see every policy version an answer
 * cites. Members the directory does not know (guests, people from other
 * organisations) count as anonymous: they see public policies only. When in
 * doubt (a member list that cannot be read), the answer is not for the channel.
 */
export async function everyMemberMaySee(db: Db, client: WebClient, tenant: string, channel: string, result: AskResult): Promise<boolean> {
  if (result.citations.length === 0) return true;
  const catalog = loadCatalog(db, tenant);
  const cited = result.citations.map((citation) =>
    catalog.versions.find((v) => v.policyId === citation.policyId && v.version === citation.version && (v.jurisdiction ?? undefined) === citation.jurisdiction),
  );
  if (cited.some((version) => version === undefined)) return false;
  const members: (Person | undefined)[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    if (!page.ok || !page.members) return false;
    for (const member of page.members) members.push(findPerson(db, tenant, 'slackId', member));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return cited.every((version) => members.every((member) => canSeeVersion(member, version!)));
}
