import type { TeamsChannelAccount, TurnContext } from 'botbuilder';

/** The part of botbuilder's ConnectorClient (kept in the turn's state) that reads a roster. */
type RosterClient = {
  conversations: {
    getConversationPagedMembers(conversationId: string, options: { pageSize: number; continuationToken?: string }): Promise<{ members?: TeamsChannelAccount[]; continuationToken?: string }>;
  };
};

/**
 * Every member of one conversation (a channel, by its id without
 * `;messageid=`, or a group chat), read live from the Bot Connector, every
 * page of `GET /v3/conversations/<id>/pagedmembers`. A channel's own roster
 * is everyone who can read it; a team's roster is not, since shared and
 * private channels have members of their own. (TeamsInfo.getPagedMembers
 * reads the team's roster whenever the turn names a team, so the connector
 * is asked directly.) Throws when the roster cannot be read: callers decide
 * what an unreadable roster means, and none may treat it as empty.
 */
export async function readRoster(context: TurnContext, conversationId: string): Promise<TeamsChannelAccount[]> {
  const client = context.turnState.get<RosterClient | undefined>(context.adapter.ConnectorClientKey);
  if (!client) throw new Error('this turn has no Bot Connector client to read the roster with');
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await client.conversations.getConversationPagedMembers(conversationId, { pageSize: 500, ...(continuationToken ? { continuationToken } : {}) });
    members.push(...(page.members ?? []));
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}
