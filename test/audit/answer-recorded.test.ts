import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { recordAnswer } from '../../src/answers/record-answer.ts';
import { AuditChainError } from '../../src/audit/audit-chain-error.ts';
import type { AuditEvent } from '../../src/audit/audit-event.ts';
import { exportAuditEvents } from '../../src/audit/export-audit-events.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { dropAuditTriggers } from './audit-chain-fixture.ts';

const now = () => new Date('2026-06-15T09:00:00Z');
let db: Db;
beforeAll(async () => {
  db = await loadExamples();
});
afterAll(() => db.close());

const ask = (as: string, question: string, tenant = 'acme') =>
  answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant, asker: { by: 'id', value: as }, question, channel: 'slack:C0ACMEGEN' });
const answerEvents = (): AuditEvent[] => [...exportAuditEvents(db)].filter((event) => event.type === 'answer.recorded');
const lastAnswerId = () => (db.prepare('SELECT max(id) AS id FROM answers').get() as { id: number }).id;

describe('recording an answer appends an audit event', () => {
  it("'answer.recorded' by the asker, about the answer, with status, versions and sections cited, channel and question", async () => {
    const before = answerEvents().length;
    const result = await ask('tom', 'How long must my password be?');
    const events = answerEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      tenant: 'acme',
      at: '2026-06-15T09:00:00.000Z',
      type: 'answer.recorded',
      actor: 'tom',
      subject: `answer:${lastAnswerId()}`,
      data: {
        status: 'answered',
        citations: result.citations.map(({ policyId, version, section }) => ({ policyId, version, section })),
        routedTo: null,
        channel: 'slack:C0ACMEGEN',
        question: 'How long must my password be?',
        reason: null,
      },
    });
    expect((events.at(-1)!.data as { citations: unknown[] }).citations[0]).toEqual({ policyId: 'information-security', version: '3.1', section: 'Passwords' });
  });

  it('keeps quotes and answer text out of the trail: only what was cited, not what it says', async () => {
    const result = await ask('tom', 'What is the hotel limit per night in New York?');
    expect(result.answer).toContain('$325');
    expect(JSON.stringify(answerEvents().at(-1))).not.toContain('$325');
  });

  it('records abstentions with the group routed to, and refusals with their reason', async () => {
    const abstained = await ask('tom', 'Does Acme pay for my gym membership?');
    expect(answerEvents().at(-1)!.data).toMatchObject({ status: 'abstained', citations: [], routedTo: abstained.routedTo });
    await ask('tom', 'What is the hotel limit?', 'initech');
    expect(answerEvents().at(-1)).toMatchObject({ tenant: 'initech', actor: 'tom', data: { status: 'refused', reason: 'unknown_tenant' } });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('the answer and its event are one transaction', () => {
  const result: AskResult = { status: 'answered', answer: 'x', citations: [{ policyId: 'travel', version: '4.2', title: 'Travel', section: 'Hotels', quote: 'q', effective: '2025-07-01' }] };
  const record = { tenant: 'acme', askedAt: '2026-06-15T09:00:00.000Z', asker: 'tom', channel: 'test', question: 'q?', result, answerer: 'offline' };
  const counts = (handle: Db) => handle.prepare("SELECT (SELECT count(*) FROM answers) AS answers, (SELECT count(*) FROM audit_events WHERE type = 'answer.recorded') AS events").get();

  it("inside a caller's transaction that fails, neither is kept", () => {
    const handle = openDatabase(':memory:');
    expect(() => handle.transaction(() => {
      recordAnswer(handle, record);
      throw new Error('later step failed');
    }).immediate()).toThrow('later step failed');
    expect(counts(handle)).toEqual({ answers: 0, events: 0 });
    expect(recordAnswer(handle, record)).toBe(1);
    expect(counts(handle)).toEqual({ answers: 1, events: 1 });
    handle.close();
  });

  it('when the event cannot be appended (a cut trail), the answer is not recorded either', () => {
    const handle = openDatabase(':memory:');
    recordAnswer(handle, record);
    recordAnswer(handle, record);
    dropAuditTriggers(handle);
    const last = handle.prepare('SELECT max(seq) FROM audit_events').pluck().get();
    handle.prepare('DELETE FROM audit_events WHERE seq = ?').run(last);
    const before = counts(handle);
    expect(() => recordAnswer(handle, record)).toThrow(AuditChainError);
    expect(counts(handle)).toEqual(before);
    handle.close();
  });
});
