import { z } from 'zod';
import { noticeTopic } from '../chat/enqueue-notice.ts';
import { everyMemberMaySee } from '../chat/every-member-may-see.ts';
import { parseNoticePayload } from '../chat/notice-payload.ts';
import type { Person } from '../directory/find-person.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

const row = z.object({ id: z.number(), topic: z.string(), payload: z.string(), created_at: z.string() });
export type NoticeRow = z.infer<typeof row>;

/** What a requester is told about their own requests (as Slack tells it in their thread). */
const requesterTopics = ['exception.requested', 'exception.advanced', 'exception.decided', 'exception.info_requested', 'exception.expiring', 'exception.expired'];

/**
 * The outbox messages a person would have been told about in a chat: events
 * on their own exception requests, and `chat.notice` cards addressed to them,
 * to one of their groups, or to their console conversation; newest first.
 * A restricted card (one quoting policies not everyone may see) comes as
 * its withheld card unless this person may see every version it quotes.
 * A card kept up to date (`inPlace`) shows once per group, in its latest state.
 */
export function noticesForPerson(db: Db, tenant: string, person: Person, conversation: string, limit = 10): NoticeRow[] {
  return statement(
    db,
    `SELECT id, topic, payload, created_at FROM outbox_messages
      WHERE tenant = @tenant
        AND ((topic IN (SELECT value FROM json_each(@requesterTopics)) AND json_extract(payload, '$.requester') = @person)
          OR (topic = 'chat.notice' AND (json_extract(payload, '$.to.person') = @person
                                         OR json_extract(payload, '$.to.group') IN (SELECT value FROM json_each(@groups))
                                         OR json_extract(payload, '$.to.conversation') = @conversation)))
      ORDER BY id DESC LIMIT @limit`,
  )
    // Older states of cards kept up to date are left out below: read enough to fill the page.
    .all({ tenant, person: person.id, groups: JSON.stringify(person.groups), conversation, requesterTopics: JSON.stringify(requesterTopics), limit: limit * 5 })
    .map((raw) => row.parse(raw))
    .filter(latestState())
    .slice(0, limit)
    .map((notice) => readableBy(db, person, notice));
}

/** A filter over notices, newest first, that keeps only the newest of each group's card kept up to date. */
function latestState(): (notice: NoticeRow) => boolean {
  const seen = new Set<string>();
  return (notice) => {
    if (notice.topic !== noticeTopic) return true;
    let payload: ReturnType<typeof parseNoticePayload>;
    try {
      payload = parseNoticePayload(notice.payload);
    } catch {
      return true; // malformed: shown as nothing further on
    }
    if (!payload.inPlace || !payload.card.key || !('group' in payload.to)) return true;
    const key = JSON.stringify([payload.card.key, payload.to.group]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

function readableBy(db: Db, person: Person, notice: NoticeRow): NoticeRow {
  if (notice.topic !== noticeTopic) return notice;
  let payload: ReturnType<typeof parseNoticePayload>;
  try {
    payload = parseNoticePayload(notice.payload);
  } catch {
    return notice; // malformed: shown as nothing, as every malformed notice is
  }
  if (!payload.restricted || everyMemberMaySee(db, person.tenant, [person], payload.restricted.versions)) return notice;
  return { ...notice, payload: JSON.stringify({ to: payload.to, card: payload.restricted.withheld }) };
}
