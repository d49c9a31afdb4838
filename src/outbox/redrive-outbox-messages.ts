import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { OutboxError } from './outbox-error.ts';

export type RedriveSelection = { id: number } | { allDead: true; tenant?: string };

/**
 * Moves dead messages back to pending, due at `at`, with their attempts
 * reset; each re-drive is recorded in `outbox_redrives` with the attempts and
 * error it had reached. Targets that already acknowledged a message are not
 * sent it again. Returns the ids re-driven. A single id that does not exist
 * or is not dead throws (`outbox_message_not_found`, `outbox_message_not_dead`).
 */
export function redriveOutboxMessages(db: Db, selection: RedriveSelection, at: Date): number[] {
  return db
    .transaction(() => {
      let dead: { id: number; attempts: number; last_error: string | null }[];
      if ('id' in selection) {
        const row = statement<[number], { id: number; status: string; attempts: number; last_error: string | null }>(
          db,
          'SELECT id, status, attempts, last_error FROM outbox_messages WHERE id = ?',
        ).get(selection.id);
        if (!row) throw new OutboxError('outbox_message_not_found', `there is no outbox message ${selection.id}`);
        if (row.status !== 'dead') throw new OutboxError('outbox_message_not_dead', `outbox message ${selection.id} is ${row.status}, not dead`);
        dead = [row];
      } else {
        dead = statement<[{ tenant: string | null }], { id: number; attempts: number; last_error: string | null }>(
          db,
          "SELECT id, attempts, last_error FROM outbox_messages WHERE status = 'dead' AND (@tenant IS NULL OR tenant = @tenant) ORDER BY id",
        ).all({ tenant: selection.tenant ?? null });
      }
      const when = at.toISOString();
      for (const message of dead) {
        statement(db, 'INSERT INTO outbox_redrives (message_id, redriven_at, previous_attempts, previous_error) VALUES (?, ?, ?, ?)').run(
          message.id,
          when,
          message.attempts,
          message.last_error,
        );
        statement(
          db,
          `UPDATE outbox_messages
           SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL
           WHERE id = ?`,
        ).run(when, message.id);
      }
      return dead.map((message) => message.id);
    })
    .immediate();
}
