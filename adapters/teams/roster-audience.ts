import type { TurnContext } from 'botbuilder';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import { personOfChatUser } from '../../src/directory/chat-identities.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { readRoster } from './read-roster.ts';

/**
 * Decides whether everyone in a channel or group chat may see every policy
 * version a reply shows, from that conversation's own Teams roster mapped to
 * directory people by Entra object id; the bot itself is left out. Members
 * the directory does not know (guests, other organisations) see public
 * policies only. The roster is read live, never cached: a reply posted to a
 * channel (an answer, an approval card redrawn for everyone) must follow who
 * can read it now, and a person added a moment ago is one of them. When the
 * roster cannot be read, the reply is not for the conversation.
 */
export function createRosterAudience(db: Db, logger: Logger) {
  return {
    async everyMemberMaySee(context: TurnContext, tenant: string, conversationId: string, versions: VersionRef[]): Promise<boolean> {
      if (versions.length === 0) return true;
      let roster;
      try {
        roster = await readRoster(context, conversationId);
      } catch (error) {
        logger.warn('teams roster unreadable; the reply goes to the asker alone', { conversation: conversationId, error: (error as Error).message });
        return false;
      }
      const members = roster
        .filter((member) => member.id !== context.activity.recipient?.id)
        .map((member) => {
          const aadObjectId = member.aadObjectId?.toLowerCase();
          return aadObjectId ? personOfChatUser(db, tenant, 'teams', aadObjectId) : undefined;
        });
      return everyMemberMaySee(db, tenant, members, versions);
    },
  };
}
