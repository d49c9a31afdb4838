import { TeamsInfo, type TurnContext } from 'botbuilder';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';

/** A directory person by Entra object id (the directory's `teams_id`), whatever case either side wrote the GUID in. */
export function findByEntraId(db: Db, tenant: string, aadObjectId: string): Person | undefined {
  return findPerson(db, tenant, 'teamsId', aadObjectId) ?? findPerson(db, tenant, 'teamsId', aadObjectId.toLowerCase());
}

/**
 * The directory person behind the sender of an activity: by Entra object id
 * first, then by the email (or user principal name) Teams knows for them.
 * Undefined for people the directory does not know, and for senders Teams
 * cannot describe (the lookup failing is not a reason to guess).
 */
export async function resolveTeamsPerson(db: Db, context: TurnContext, tenant: string): Promise<Person | undefined> {
  const from = context.activity.from;
  const byEntraId = from.aadObjectId ? findByEntraId(db, tenant, from.aadObjectId) : undefined;
  if (byEntraId) return byEntraId;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    const email = member.email ?? member.userPrincipalName;
    return email ? findPerson(db, tenant, 'email', email) : undefined;
  } catch {
    return undefined;
  }
}
