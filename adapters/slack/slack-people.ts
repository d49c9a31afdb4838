import { findPerson, type Person } from '../../src/directory/find-person.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

/**
 * Slack users the directory knows only by email. A directory may give no
 * `slack_id`; a Slack user is then matched by the email on their profile
 * (users.info), and the match is kept so the bot can find them again the
 * other way: to DM them, and to count them in a channel's audience. A
 * match stands while the person's directory email is the one it was made
 * by; a directory that changes it (or removes the person) undoes it.
 */

const sameEmail = (person: Person | undefined, email: string) => person?.email !== undefined && person.email.toLowerCase() === email.toLowerCase();

/** Keeps the match of a Slack user to a directory person, made by their profile email. */
export function rememberSlackPerson(db: Db, tenant: string, slackUser: string, person: Person, at: Date): void {
  if (!person.email || person.slackId === slackUser) return;
  statement(
    db,
    `INSERT INTO slack_people (tenant, slack_user, person_id, email, matched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant, slack_user) DO UPDATE SET person_id = excluded.person_id, email = excluded.email, matched_at = excluded.matched_at`,
  ).run(tenant, slackUser, person.id, person.email.toLowerCase(), at.toISOString());
}

/**
 * The directory person behind a Slack user: by the directory's Slack id,
 * else by a kept email match (made since `since`, when given).
 */
export function personOfSlackUser(db: Db, tenant: string, slackUser: string, since?: Date): Person | undefined {
  const bySlackId = findPerson(db, tenant, 'slackId', slackUser);
  if (bySlackId) return bySlackId;
  const match = statement<[string, string], { person_id: string; email: string; matched_at: string }>(db, 'SELECT person_id, email, matched_at FROM slack_people WHERE tenant = ? AND slack_user = ?').get(tenant, slackUser);
  if (!match || (since && match.matched_at < since.toISOString())) return undefined;
  const person = findPerson(db, tenant, 'id', match.person_id);
  return sameEmail(person, match.email) && !person!.slackId ? person : undefined;
}

/** The Slack user id of a directory person: the directory's, else the latest kept email match. */
export function slackUserOf(db: Db, person: Person | undefined): string | undefined {
  if (!person) return undefined;
  if (person.slackId) return person.slackId;
  const match = statement<[string, string], { slack_user: string; email: string }>(db, 'SELECT slack_user, email FROM slack_people WHERE tenant = ? AND person_id = ? ORDER BY matched_at DESC LIMIT 1').get(person.tenant, person.id);
  return match && sameEmail(person, match.email) ? match.slack_user : undefined;
}
