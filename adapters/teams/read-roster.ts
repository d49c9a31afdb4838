import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';

/**
 * Whose roster to read: a team's, or that of the turn's own conversation
 * (a group chat; a channel continued by its id, whose roster is everyone who
 * can read it). `conversationId` names that conversation for caching only.
 */
export type RosterSource = { teamId: string } | { conversationId: string };

/**
 * Every member of a team or conversation, read live from the Bot Connector
 * (every page of TeamsInfo's paged members). Throws when the roster cannot be
 * read: callers decide what an unreadable roster means, and none may treat it
 * as empty.
 */
export async function readRoster(context: TurnContext, source: RosterSource): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = 'teamId' in source
      ? await TeamsInfo.getPagedTeamMembers(context, source.teamId, 500, continuationToken)
      : await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}
