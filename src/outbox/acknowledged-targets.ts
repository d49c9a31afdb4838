import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** The URLs of the targets that have acknowledged a message: a retry skips them. */
export function acknowledgedTargets(db: Db, messageId: number): Set<string> {
  const rows = statement<[number], { target_url: string }>(db, 'SELECT target_url FROM outbox_deliveries WHERE message_id = ?').all(messageId);
  return new Set(rows.map((row) => row.target_url));
}
