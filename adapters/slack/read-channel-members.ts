import type { WebClient } from '@slack/web-api';

/**
 * The Slack user ids of everyone in a channel (every page of
 * `conversations.members`), the bot itself left out: it is in every channel
 * it is mentioned in, and it is nobody's audience. Throws when Slack does
 * not list them.
 */
export async function readChannelMembers(client: WebClient, channel: string, botUserId: string | undefined): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    if (!page.ok || !page.members) throw new Error(`Slack did not list the members of ${channel}: ${page.error ?? 'no members'}`);
    members.push(...page.members);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members.filter((id) => id !== botUserId);
}
