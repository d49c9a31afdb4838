import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { decideException } from '../../src/exceptions/decide-exception.ts';
import { findClause } from '../../src/exceptions/find-clause.ts';
import { requestException } from '../../src/exceptions/request-exception.ts';
import { runDueTimers } from '../../src/exceptions/run-due-timers.ts';
import { exceptionRegister } from '../../src/reports/exception-register.ts';
import { exceptionsByPolicy } from '../../src/reports/exceptions-by-policy.ts';
import { questionsPerDay } from '../../src/reports/questions-per-day.ts';
import { reviewerQueue } from '../../src/reports/reviewer-queue.ts';
import { reviewerWorkload } from '../../src/reports/reviewer-workload.ts';
import { searchAuditEvents } from '../../src/reports/search-audit-events.ts';
import { slaMisses } from '../../src/reports/sla-misses.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';

const day1 = new Date('2026-03-02T09:00:00Z');
const day3 = new Date('2026-03-04T09:00:00Z');

async function ask(db: Db, person: string, question: string, at: Date) {
  return answerQuestion({ db, answerer: createOfflineAnswerer(), now: () => at }, { tenant: 'acme', asker: { by: 'id', value: person }, question });
}

/** A request from `person` on the travel policy's airfare clause, at `at`. */
function requestAirfare(db: Db, person: string, at: Date) {
  const requester = findPerson(db, 'acme', 'id', person)!;
  const clause = findClause(db, 'acme', requester, { policyId: 'travel', version: '4.2', section: '2. Airfare' }, at.toISOString().slice(0, 10))!;
  return requestException({ db, now: () => at }, { tenant: 'acme', requester: person, versionId: clause.version.versionId, sectionId: clause.section.id, justification: 'Overnight flight', evidence: [] });
}

describe('reports', () => {
  it('counts questions per day by outcome, quiet days included', async () => {
    const db = await loadExamples();
    await ask(db, 'ana', "What's the hotel limit per night?", day1);
    await ask(db, 'ana', 'What is the policy on bringing llamas to the office?', day1);
    await ask(db, 'tom', 'How many vacation days do I get?', day3);
    expect(questionsPerDay(db, 'acme', '2026-03-01', '2026-03-04')).toEqual([
      { day: '2026-03-01', answered: 0, abstained: 0, refused: 0 },
      { day: '2026-03-02', answered: 1, abstained: 1, refused: 0 },
      { day: '2026-03-03', answered: 0, abstained: 0, refused: 0 },
      { day: '2026-03-04', answered: 1, abstained: 0, refused: 0 },
    ]);
    expect(questionsPerDay(db, 'globex', '2026-03-02', '2026-03-02')).toEqual([{ day: '2026-03-02', answered: 0, abstained: 0, refused: 0 }]);
  });

  it('counts exceptions by policy and outcome, reviewer workload, the queue and SLA misses', async () => {
    const db = await loadExamples();
    const first = requestAirfare(db, 'ana', day1);
    const second = requestAirfare(db, 'tom', day1);
    decideException({ db, now: () => day1 }, { tenant: 'acme', requestId: first.id, actor: 'dev', decision: { action: 'approve' } });
    expect(exceptionsByPolicy(db, 'acme', '2026-03-01')).toEqual([
      { policyId: 'travel', title: 'Travel policy', total: 2, counts: { pending: 1, needs_info: 0, approved: 1, denied: 0, withdrawn: 0, expired: 0 } },
    ]);
    expect(reviewerWorkload(db, 'acme', '2026-03-01')).toEqual([{ reviewer: 'dev', approvals: 1, denials: 0, questions: 0, total: 1 }]);
    const dev = findPerson(db, 'acme', 'id', 'dev')!;
    expect(reviewerQueue(db, 'acme', dev, day1).map((item) => [item.request.id, item.overdue])).toEqual([[second.id, false]]);
    expect(reviewerQueue(db, 'acme', findPerson(db, 'acme', 'id', 'ana')!, day1)).toEqual([]);
    // Three days (the default SLA) and more later, the second request is overdue; once its escalation fires, it counts as missed.
    const late = new Date(day1.getTime() + 4 * 86_400_000);
    expect(slaMisses(db, 'acme', '2026-03-01', late)).toEqual([{ group: 'finance', missed: 0, overdueNow: 1 }]);
    runDueTimers({ db, now: () => late });
    expect(slaMisses(db, 'acme', '2026-03-01', late)).toEqual([{ group: 'finance', missed: 1, overdueNow: 1 }]);
  });

  it('scopes the register to a reviewer\'s groups and their own requests, and finds approved ones ending soon', async () => {
    const db = await loadExamples();
    const first = requestAirfare(db, 'ana', day1);
    requestAirfare(db, 'tom', day1);
    decideException({ db, now: () => day1 }, { tenant: 'acme', requestId: first.id, actor: 'dev', decision: { action: 'approve', expiresOn: '2026-03-20' } });
    expect(exceptionRegister(db, 'acme').map((r) => r.id)).toEqual([2, 1]);
    expect(exceptionRegister(db, 'acme', { groups: ['finance'], viewer: 'dev' }).map((r) => r.id)).toEqual([2, 1]);
    expect(exceptionRegister(db, 'acme', { groups: ['hr'], viewer: 'lena' })).toEqual([]);
    expect(exceptionRegister(db, 'acme', { requester: 'tom' }).map((r) => r.id)).toEqual([2]);
    expect(exceptionRegister(db, 'acme', { expiringBy: '2026-04-01' }).map((r) => [r.id, r.expiresOn])).toEqual([[1, '2026-03-20']]);
    expect(exceptionRegister(db, 'acme', { expiringBy: '2026-03-10' })).toEqual([]);
    expect(exceptionRegister(db, 'globex')).toEqual([]);
  });

  it('searches one tenant\'s audit by type family, actor, text (wildcards literal) and dates', async () => {
    const db = await loadExamples();
    requestAirfare(db, 'ana', day1);
    await ask(db, 'tom', 'How many vacation days do I get?', day3);
    expect(searchAuditEvents(db, 'acme', { type: 'exception.*' }).map((e) => [e.type, e.actor])).toEqual([['exception.requested', 'ana']]);
    expect(searchAuditEvents(db, 'acme', { actor: 'tom' }).map((e) => e.type)).toEqual(['answer.recorded']);
    expect(searchAuditEvents(db, 'acme', { text: 'vacation days' })).toHaveLength(1);
    expect(searchAuditEvents(db, 'acme', { text: 'vacation%days' })).toHaveLength(0);
    expect(searchAuditEvents(db, 'acme', { from: '2026-03-03', to: '2026-03-04', type: 'answer.recorded' })).toHaveLength(1);
    expect(searchAuditEvents(db, 'acme', { to: '2026-03-02', type: 'answer.recorded' })).toHaveLength(0);
    expect(searchAuditEvents(db, 'globex', { type: 'exception.*' })).toEqual([]);
  });
});
