import { TeamsInfo, type TurnContext } from 'botbuilder';
import { personOfChatUser, rememberChatIdentity } from '../../src/directory/chat-identities.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';

/**
 * The directory person behind the sender of an activity: by Entra object id
 * first (the directory's `teams_id`, or a kept match by email), then by the
 * email (or user principal name) Teams knows for them, a match that is kept
 * (see chat-identities.ts) so the bot can write to them later and count them
 * in a channel's audience. Undefined for people the directory does not know,
 * and for senders Teams cannot describe (the lookup failing is not a reason
 * to guess).
 */
export async function resolveTeamsPerson(db: Db, context: TurnContext, tenant: string, now = new Date()): Promise<Person | undefined> {
  const aadObjectId = context.activity.from.aadObjectId;
  const known = aadObjectId ? personOfChatUser(db, tenant, 'teams', aadObjectId, now) : undefined;
  if (known) return known;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? member.userPrincipalName;
    const person = email ? findPerson(db, tenant, 'email', email) : undefined;
    if (person && aadObjectId) rememberChatIdentity(db, 'teams', aadObjectId, person, now);
    return person;
  } catch {
    return undefined;
  }
}
