import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { findPerson, type Person } from './find-person.ts';

/**
 * Chat users the directory knows only by email. A directory may give no
 * `slack_id` or `teams_id`; a chat user is then matched by the email the
 * platform gives for them, and the match is kept so the bot can find them
 * again the other way: to write to them, and to count them in a channel's
 * audience. A match stands while the person's directory email is the one it
 * was made by, and the directory gives that person no id of its own on that
 * platform; a directory that changes either (or removes the person) undoes it.
 */
export type ChatPlatform = 'slack' | 'teams';

/** The directory's own id of a person on a platform. */
const directoryId = (person: Person, platform: ChatPlatform) => (platform === 'slack' ? person.slackId : person.teamsId);
/** Entra object ids are GUIDs written in either case. */
const normalized = (platform: ChatPlatform, userId: string) => (platform === 'teams' ? userId.toLowerCase() : userId);
const sameEmail = (person: Person | undefined, email: string) => person?.email !== undefined && person.email.toLowerCase() === email.toLowerCase();

/** A person by the directory's id on the platform (Entra object ids in either case). */
function byDirectoryId(db: Db, tenant: string, platform: ChatPlatform, userId: string): Person | undefined {
  if (platform === 'slack') return findPerson(db, tenant, 'slackId', userId);
  return findPerson(db, tenant, 'teamsId', userId) ?? findPerson(db, tenant, 'teamsId', userId.toLowerCase());
}

/** Keeps the match of a chat user to a directory person, made by the email the platform gives for them. */
export function rememberChatIdentity(db: Db, platform: ChatPlatform, userId: string, person: Person, at: Date): void {
  if (!person.email || directoryId(person, platform)) return;
  statement(
    db,
    `INSERT INTO chat_identities (tenant, platform, user_id, person_id, email, matched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant, platform, user_id) DO UPDATE SET person_id = excluded.person_id, email = excluded.email, matched_at = excluded.matched_at`,
  ).run(person.tenant, platform, normalized(platform, userId), person.id, person.email.toLowerCase(), at.toISOString());
}

/** How long a kept match is trusted to say who is writing before the platform is asked again. */
const trustedForMs = 24 * 60 * 60 * 1000;

/**
 * The directory person behind a chat user: by the directory's id, else by a
 * kept email match; with `writingAt` (the user is writing now), only a match
 * made within the last day, so the platform is asked again daily.
 */
export function personOfChatUser(db: Db, tenant: string, platform: ChatPlatform, userId: string, writingAt?: Date): Person | undefined {
  const since = writingAt && new Date(writingAt.getTime() - trustedForMs);
  const known = byDirectoryId(db, tenant, platform, userId);
  if (known) return known;
  const match = statement<[string, string, string], { person_id: string; email: string; matched_at: string }>(
    db,
    'SELECT person_id, email, matched_at FROM chat_identities WHERE tenant = ? AND platform = ? AND user_id = ?',
  ).get(tenant, platform, normalized(platform, userId));
  if (!match || (since && match.matched_at < since.toISOString())) return undefined;
  const person = findPerson(db, tenant, 'id', match.person_id);
  return person && sameEmail(person, match.email) && !directoryId(person, platform) ? person : undefined;
}

/** A person's user id on a platform: the directory's, else the latest kept email match. */
export function chatUserOf(db: Db, platform: ChatPlatform, person: Person | undefined): string | undefined {
  if (!person) return undefined;
  const own = directoryId(person, platform);
  if (own) return own;
  const match = statement<[string, string, string], { user_id: string; email: string }>(
    db,
    'SELECT user_id, email FROM chat_identities WHERE tenant = ? AND platform = ? AND person_id = ? ORDER BY matched_at DESC LIMIT 1',
  ).get(person.tenant, platform, person.id);
  return match && sameEmail(person, match.email) ? match.user_id : undefined;
}
