import type { WebClient } from '@slack/web-api';
import type { ChannelMembers } from '../../src/comms/comms-deps.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { SlackBotIdentity } from './slack-bot-identity.ts';

/**
 * The members of a Slack channel as directory ids, read live (every page of
 * `conversations.members`, no cache: publishing decides on it). A member the
 * directory does not know by Slack id stays "slack:U…", nobody's id, so it
 * counts as outside every audience; the bot itself is left out.
 */
export function createSlackChannelMembers(db: Db, client: WebClient, botIdentity: () => Promise<SlackBotIdentity | undefined>): ChannelMembers {
  return async ({ tenant, channel }) => {
    const bot = (await botIdentity())?.botUserId;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (!page.ok || !page.members) throw new Error(`Slack did not list the members of ${channel}: ${page.error ?? 'no members'}`);
      ids.push(...page.members);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return ids.filter((id) => id !== bot).map((id) => findPerson(db, tenant, 'slackId', id)?.id ?? `slack:${id}`);
  };
}
