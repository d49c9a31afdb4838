import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { publicationTopic } from './publication.ts';

const outboxRow = z.object({ id: z.number(), tenant: z.string(), payload: z.string() });
const publishPayload = z.object({
  publicationId: z.number().int().positive(),
  text: z.string().min(1),
  target: z.object({ platform: z.string(), channel: z.string().min(1) }),
});

/** One `announcement.publish` outbox message, checked as it is read back. */
export type PublicationMessage = { outboxId: number; tenant: string } & z.infer<typeof publishPayload>;

/**
 * What a platform's publisher runs: the `announcement.publish` messages of
 * its tenants after its persisted cursor, in order, each handed to `post`
 * (which skips other platforms' targets by returning false). A failure
 * stops the run there, before the cursor moves, so the next run retries
 * that message first. Returns how many were posted.
 */
export function readPublications(deps: {
  db: Db;
  tenants: string[];
  /** The publisher's cursor table (one row, id 1). */
  stateTable: 'slack_publisher_state' | 'teams_publisher_state';
  post: (message: PublicationMessage) => Promise<boolean>;
}): () => Promise<number> {
  const { db } = deps;
  const cursor = () => statement<[], { last_outbox_id: number }>(db, `SELECT last_outbox_id FROM ${deps.stateTable} WHERE id = 1`).get()?.last_outbox_id ?? 0;
  const advance = (id: number) =>
    statement(db, `INSERT INTO ${deps.stateTable} (id, last_outbox_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_outbox_id = max(last_outbox_id, excluded.last_outbox_id)`).run(id);
  return async () => {
    if (deps.tenants.length === 0) return 0;
    const rows = statement(
      db,
      `SELECT id, tenant, payload FROM outbox_messages
        WHERE id > ? AND topic = ? AND tenant IN (SELECT value FROM json_each(?))
        ORDER BY id LIMIT 100`,
    )
      .all(cursor(), publicationTopic, JSON.stringify(deps.tenants))
      .map((row) => outboxRow.parse(row));
    let posted = 0;
    for (const row of rows) {
      if (await deps.post({ outboxId: row.id, tenant: row.tenant, ...publishPayload.parse(JSON.parse(row.payload)) })) posted++;
      advance(row.id);
    }
    return posted;
  };
}
