import type { WebClient } from '@slack/web-api';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';

/**
 * The directory person behind a Slack user of a tenant: by Slack id first,
 * then by the email on their Slack profile (users.info). Undefined for
 * people the directory does not know.
 */
export async function resolveSlackPerson(db: Db, client: WebClient, tenant: string, slackUserId: string): Promise<Person | undefined> {
  const bySlackId = findPerson(db, tenant, 'slackId', slackUserId);
  if (bySlackId) return bySlackId;
  const info = await client.users.info({ user: slackUserId });
  const email = info.user?.profile?.email;
  return email ? findPerson(db, tenant, 'email', email) : undefined;
}
