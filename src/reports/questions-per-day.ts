import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type QuestionDay = { day: string; answered: number; abstained: number; refused: number };

/**
 * Questions a tenant's people asked per day (UTC) from `since` (a date, inclusive),
 * by outcome. Days without a question are filled with zeros, so a chart shows
 * the quiet days too.
 */
export function questionsPerDay(db: Db, tenant: string, since: string, until: string): QuestionDay[] {
  const rows = statement<[string, string, string], QuestionDay>(
    db,
    `SELECT substr(asked_at, 1, 10) AS day,
            sum(status = 'answered') AS answered,
            sum(status = 'abstained') AS abstained,
            sum(status = 'refused') AS refused
       FROM answers
      WHERE tenant = ? AND asked_at >= ? AND substr(asked_at, 1, 10) <= ?
      GROUP BY day ORDER BY day`,
  ).all(tenant, since, until);
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days: QuestionDay[] = [];
  for (let day = since; day <= until; day = nextDay(day)) days.push(byDay.get(day) ?? { day, answered: 0, abstained: 0, refused: 0 });
  return days;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
