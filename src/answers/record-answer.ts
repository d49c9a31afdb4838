import { appendAuditEvent } from '../audit/append-audit-event.ts';
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

/**
 * Records an answer for audit: who asked what, the status, and the versions
 * cited, in the `answers` table and as an 'answer.recorded' event of the
 * audit trail, in one transaction (the caller's, if it has one). Returns its id.
 */
export function recordAnswer(db: Db, record: AnswerRecord): number {
  const cited = record.result.citations.map(({ policyId, version, section }) => ({ policyId, version, section }));
  return db.transaction(() => {
    const { lastInsertRowid } = statement(
      db,
      `INSERT INTO answers (tenant, asked_at, asker, channel, question, status, citations, routed_to, answerer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(record.tenant, record.askedAt, record.asker, record.channel, record.question, record.result.status,
      JSON.stringify(cited), record.result.routedTo ?? null, record.answerer);
    const id = Number(lastInsertRowid);
    appendAuditEvent(db, {
      tenant: record.tenant,
      type: 'answer.recorded',
      actor: record.asker,
      subject: `answer:${id}`,
      data: {
        status: record.result.status,
        citations: cited,
        routedTo: record.result.routedTo ?? null,
        channel: record.channel,
        question: record.question,
        reason: record.result.reason ?? null,
      },
      at: record.askedAt,
    });
    return id;
  }).immediate();
}
