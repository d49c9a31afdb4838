import type { TurnContext } from 'botbuilder';
import { canSeeVersion } from '../../src/access/can-see-version.ts';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { readRoster, type RosterSource } from './read-roster.ts';

/** Rosters change rarely; a minute of staleness is fine, and large teams are not re-read per answer. */
const rosterTtlMs = 60_000;

export type { RosterSource } from './read-roster.ts';

/**
 * Decides whether everyone in a channel or group chat may see every policy
 * version an answer cites, from the Teams roster (TeamsInfo paged members)
 * mapped to directory people by Entra object id. Members the directory does
 * not know (guests, other organisations) see public policies only. When the
 * roster cannot be read, the answer is not for the conversation. Rosters
 * are cached for a minute.
 */
export function createRosterAudience(db: Db, logger: Logger, now: () => number = Date.now) {
  const rosters = new Map<string, { at: number; members: (string | undefined)[] }>();

  async function roster(context: TurnContext, source: RosterSource): Promise<(string | undefined)[] | undefined> {
    const key = 'teamId' in source ? `team:${source.teamId}` : `chat:${source.conversationId}`;
    const cached = rosters.get(key);
    if (cached && now() - cached.at < rosterTtlMs) return cached.members;
    let members: (string | undefined)[];
    try {
      members = (await readRoster(context, source)).map((member) => member.aadObjectId?.toLowerCase());
    } catch (error) {
      logger.warn('teams roster unreadable; the answer goes to the asker alone', { source: key, error: (error as Error).message });
      return undefined;
    }
    if (rosters.size > 5000) rosters.clear();
    rosters.set(key, { at: now(), members });
    return members;
  }

  return {
    async everyMemberMaySee(context: TurnContext, tenant: string, source: RosterSource, versions: VersionRef[]): Promise<boolean> {
      if (versions.length === 0) return true;
      const catalog = loadCatalog(db, tenant);
      const cited = versions.map((ref) =>
        catalog.versions.find((v) => v.policyId === ref.policyId && v.version === ref.version && (v.jurisdiction ?? undefined) === ((ref as { jurisdiction?: string }).jurisdiction ?? undefined)),
      );
      if (cited.some((version) => version === undefined)) return false;
      const members = await roster(context, source);
      if (!members) return false;
      // People whom visibility treats alike are checked once.
      const kinds = new Map<string, Person | undefined>();
      for (const aadObjectId of members) {
        const member = aadObjectId ? findPerson(db, tenant, 'teamsId', aadObjectId) : undefined;
        kinds.set(member ? JSON.stringify([member.department, member.location, member.roles, member.groups]) : 'anonymous', member);
      }
      return cited.every((version) => [...kinds.values()].every((member) => canSeeVersion(member, version!)));
    },
  };
}
