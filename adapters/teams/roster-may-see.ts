import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import type { ChannelMembers } from '../../src/comms/comms-deps.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { describeTeamsFailure } from './teams-errors.ts';

/**
 * Whether every member of a Teams channel, its roster read live, may see
 * all of these policy versions. A roster Teams will not give (or a tenant
 * that never installed the bot) is a no: a card quoting them then goes
 * with its restricted words left out (a clause, a draft's text).
 */
export function createRosterMaySee(db: Db, channelMembers: ChannelMembers, logger: Logger) {
  return async (tenant: string, channel: string, versions: VersionRef[]): Promise<boolean> => {
    try {
      const members = await channelMembers({ platform: 'teams', tenant, channel });
      return everyMemberMaySee(db, tenant, members.map((id) => findPerson(db, tenant, 'id', id)), versions);
    } catch (error) {
      logger.warn('teams channel roster unreadable; the card leaves restricted words out', { tenant, channel, ...describeTeamsFailure(error) });
      return false;
    }
  };
}
