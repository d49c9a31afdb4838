import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { AskResult } from './ask-result.ts';

export type AnswerRecord = {
  tenant: string;
  askedAt: string;
  asker: string;
  channel: string;
  question: string;
  result: AskResult;
  answerer: string;
};

/** Records an answer for audit: who asked what, the status, and the versions cited. Returns its id. */
export function recordAnswer(db: Db, record: AnswerRecord): number {
  const cited = record.result.citations.map(({ policyId, version, section }) => ({ policyId, version, section }));
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO answers (tenant, asked_at, asker, channel, question, status, citations, routed_to, answerer)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(record.tenant, record.askedAt, record.asker, record.channel, record.question, record.result.status,
    JSON.stringify(cited), record.result.routedTo ?? null, record.answerer);
  return Number(lastInsertRowid);
}
