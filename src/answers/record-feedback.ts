import { NotFoundError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/**
 * 👍 or 👎 on an answer, one per person per answer (the last click counts).
 * The answer must be one of the tenant's: an id from a forged button is refused.
 */
export function recordFeedback(db: Db, input: { tenant: string; answerId: number; person: string; helpful: boolean; at: Date }): void {
  const answer = statement<[number, string], { id: number }>(db, 'SELECT id FROM answers WHERE id = ? AND tenant = ?').get(input.answerId, input.tenant);
  if (!answer) throw new NotFoundError(`there is no answer ${input.answerId} to give feedback on`);
  statement(
    db,
    `INSERT INTO answer_feedback (tenant, answer_id, person, helpful, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (answer_id, person) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
  ).run(input.tenant, input.answerId, input.person, input.helpful ? 1 : 0, input.at.toISOString());
}
