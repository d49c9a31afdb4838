import type { WebClient } from '@slack/web-api';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { personOfChatUser, rememberChatIdentity } from '../../src/directory/chat-identities.ts';

/** The directory person behind a Slack user, or why there is none: not in the directory, or from another organisation. */
export type SlackPersonLookup = { person: Person } | { missing: 'unknown' | 'external' };

type SlackUser = { team_id?: string; profile?: { email?: string }; enterprise_user?: { enterprise_id?: string; teams?: string[] } };

/** Whether a Slack user belongs to one of the workspaces (or the Enterprise Grid org) configured for the tenant. */
function isHomeUser(user: SlackUser, homeTeams: string[]): boolean {
  const teams = [user.team_id, user.enterprise_user?.enterprise_id, ...(user.enterprise_user?.teams ?? [])];
  return teams.some((team) => team !== undefined && homeTeams.includes(team));
}

/**
 * The directory person behind a Slack user of a tenant: by Slack id first,
 * then by the email on their Slack profile (users.info), but only for a user
 * of the tenant's own workspaces (`homeTeams`, the Slack team and enterprise
 * ids configured for it): a Slack Connect user from another organisation
 * whose profile shows a colleague's email is not that colleague. A failed
 * users.info call throws. A match by email is kept (see chat-identities.ts)
 * and trusted for a day before users.info is asked again.
 */
export async function resolveSlackPerson(db: Db, client: WebClient, tenant: string, slackUserId: string, homeTeams: string[], now = new Date()): Promise<SlackPersonLookup> {
  const known = personOfChatUser(db, tenant, 'slack', slackUserId, now);
  if (known) return { person: known };
  const info = await client.users.info({ user: slackUserId });
  const user = (info.user ?? {}) as SlackUser;
  if (!isHomeUser(user, homeTeams)) return { missing: 'external' };
  const email = user.profile?.email;
  const person = email ? findPerson(db, tenant, 'email', email) : undefined;
  if (!person) return { missing: 'unknown' };
  rememberChatIdentity(db, 'slack', slackUserId, person, now);
  return { person };
}
