import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { AlreadyDecidedError, InvalidRequestError, NotAllowedError, NotFoundError } from '../../src/errors.ts';
import { decideException } from '../../src/exceptions/decide-exception.ts';
import { earlierDecisions, exceptionHistory, loadException } from '../../src/exceptions/load-exception.ts';
import { requestException, type ExceptionIntake } from '../../src/exceptions/request-exception.ts';
import { answerInfoRequest, withdrawException } from '../../src/exceptions/respond-to-request.ts';
import { runDueTimers } from '../../src/exceptions/run-due-timers.ts';
import { suggestClauses } from '../../src/exceptions/suggest-clauses.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { count, exceptionWorld, sectionOf, useTwoStageRouting } from './exception-world.ts';

const start = new Date('2026-03-02T09:00:00Z');
const at = (hours: number) => () => new Date(start.getTime() + hours * 3_600_000);

describe('exception requests', () => {
  let db: Db;
  let airfare: { versionId: number; sectionId: number };
  const intake = (changes: Partial<ExceptionIntake> = {}): ExceptionIntake => ({
    tenant: 'acme',
    requester: 'ana',
    ...airfare,
    justification: 'Overnight flight to Tokyo for the customer launch; I present the next morning.',
    amount: 800,
    currency: 'USD',
    startsOn: '2026-04-01',
    endsOn: '2026-04-08',
    evidence: ['https://tickets.example.com/TRIP-12'],
    ...changes,
  });
  const outbox = (topic: string) => count(db, 'SELECT count(*) AS n FROM outbox_messages WHERE topic = ?', topic);
  const audited = (type: string) => count(db, 'SELECT count(*) AS n FROM audit_events WHERE type = ?', type);

  beforeEach(async () => {
    db = await exceptionWorld();
    airfare = sectionOf(db, 'travel', 'Airfare');
  });
  afterEach(() => db.close());

  describe('intake', () => {
    it('suggests the clause a request departs from, for the requester to confirm', async () => {
      const [first] = await suggestClauses({ db, now: at(0) }, { tenant: 'acme', requester: 'ana', text: 'can I fly business class to Tokyo?' });
      expect(first).toMatchObject({ policyId: 'travel', version: '3', section: 'Airfare', owner: 'finance', exceptions: 'allowed', ...airfare });
      expect(first?.quote).toContain('Business class needs an exception.');
    });

    it('never suggests a clause of a policy the requester may not see', async () => {
      const clauses = await suggestClauses({ db, now: at(0) }, { tenant: 'acme', requester: 'ana', text: 'business class fraud interview investigators' });
      expect(clauses.map((c) => c.policyId)).not.toContain('investigations');
    });

    it('opens a pending request routed to the owner group, with its audit event and outbox message', () => {
      const request = requestException({ db, now: at(0) }, intake());
      expect(request).toMatchObject({
        status: 'pending',
        requester: 'ana',
        clause: { policyId: 'travel', version: '3', section: 'Airfare', title: 'Travel policy' },
        stages: [{ group: 'finance', quorum: 1 }],
        stage: 0,
        amount: 800,
        evidence: ['https://tickets.example.com/TRIP-12'],
      });
      expect(request.clause.quote).toContain('Business class needs an exception.');
      expect(audited('exception.requested')).toBe(1);
      expect(outbox('exception.requested')).toBe(1);
      expect(exceptionHistory(db, 'acme', request.id).map((h) => h.action)).toEqual(['request']);
    });

    it('refuses a policy that allows no exceptions, naming it, and audits the refusal', () => {
      const laptops = sectionOf(db, 'security', 'Laptops');
      expect(() => requestException({ db, now: at(0) }, intake(laptops))).toThrow(
        expect.objectContaining({ code: 'not_allowed', rule: 'policy:security', message: expect.stringContaining('Security policy does not allow exceptions') }),
      );
      expect(count(db, 'SELECT count(*) AS n FROM exception_requests')).toBe(0);
      expect(audited('permission.denied')).toBe(1);
    });

    it('treats a clause the requester may not see as not found, revealing nothing', () => {
      expect(() => requestException({ db, now: at(0) }, intake(sectionOf(db, 'investigations', 'Interviews')))).toThrow(NotFoundError);
    });

    it.each([
      [{ justification: 'pls' }, 'justification'],
      [{ amount: -5 }, 'amount'],
      [{ endsOn: '2026-03-01' }, 'endsOn'],
      [{ startsOn: '2026-02-30' }, 'startsOn'],
      [{ evidence: ['file:///etc/passwd'] }, 'evidence'],
    ])('rejects bad intake %j naming the field', (changes, field) => {
      expect(() => requestException({ db, now: at(0) }, intake(changes))).toThrow(expect.objectContaining({ code: 'invalid_request', field }));
    });
  });

  describe('decisions', () => {
    it('lets a member of the stage group approve, and says when the exception ends', () => {
      const request = requestException({ db, now: at(0) }, intake());
      const result = decideException({ db, now: at(2) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve', note: 'ok for this trip' } });
      expect(result.outcome).toBe('approved');
      expect(result.request).toMatchObject({ status: 'approved', decidedBy: 'dev', decidedAt: at(2)().toISOString(), expiresOn: '2026-04-08' });
      expect(outbox('exception.decided')).toBe(1);
      expect(audited('exception.decided')).toBe(1);
      expect(verifyAuditChain(db).ok).toBe(true);
    });

    it('refuses the requester, anyone who reports to them, and non-members, naming the rule, and audits each refusal', () => {
      const request = requestException({ db, now: at(0) }, intake());
      const attempt = (actor: string) => () => decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor, decision: { action: 'approve' } });
      expect(attempt('ana')).toThrow(expect.objectContaining({ rule: 'no-self-decision' }));
      expect(attempt('bob')).toThrow(expect.objectContaining({ rule: 'no-decision-by-reports' }));
      expect(attempt('gil')).toThrow(expect.objectContaining({ rule: 'stage-reviewers', message: expect.stringContaining('finance') }));
      expect(attempt('nobody')).toThrow(NotAllowedError);
      expect(audited('permission.denied')).toBe(4);
      expect(loadException(db, 'acme', request.id).status).toBe('pending');
    });

    it('refuses a second decision, saying who decided and when', () => {
      const request = requestException({ db, now: at(0) }, intake());
      decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'deny', reason: 'Not for a one-week trip.' } });
      let error: unknown;
      try {
        decideException({ db, now: at(2) }, { tenant: 'acme', requestId: request.id, actor: 'fay', decision: { action: 'approve' } });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AlreadyDecidedError);
      expect(error).toMatchObject({ status: 'denied', decidedBy: 'dev', decidedAt: at(1)().toISOString() });
      // People read it: the decider by name, the time in minutes (UTC).
      const decidedAt = at(1)().toISOString();
      expect((error as Error).message).toBe(`This request is already denied by Dev Raman at ${decidedAt.slice(0, 10)} ${decidedAt.slice(11, 16)} UTC.`);
      expect(outbox('exception.decided')).toBe(1);
    });

    it('requires a reason to deny, and a question to ask for information', () => {
      const request = requestException({ db, now: at(0) }, intake());
      const decide = (decision: Parameters<typeof decideException>[1]['decision']) => () =>
        decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision });
      expect(decide({ action: 'deny', reason: '  ' })).toThrow(InvalidRequestError);
      expect(decide({ action: 'ask_info', question: '' })).toThrow(InvalidRequestError);
      expect(decide({ action: 'approve', expiresOn: '2020-01-01' })).toThrow(InvalidRequestError);
    });

    it('asks the requester for information, and returns the request to its stage when answered', () => {
      const request = requestException({ db, now: at(0) }, intake());
      const asked = decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'ask_info', question: 'What does the fare cost?' } });
      expect(asked).toMatchObject({ outcome: 'info_requested', request: { status: 'needs_info' } });
      expect(() => answerInfoRequest({ db, now: at(2) }, { tenant: 'acme', requestId: request.id, requester: 'dev', answer: '4,100 USD' })).toThrow(NotAllowedError);
      const answered = answerInfoRequest({ db, now: at(2) }, { tenant: 'acme', requestId: request.id, requester: 'ana', answer: '4,100 USD' });
      expect(answered).toMatchObject({ status: 'pending', stage: 0, stageStartedAt: at(2)().toISOString() });
      expect(exceptionHistory(db, 'acme', request.id).map((h) => `${h.action}:${h.note ?? ''}`)).toEqual([
        expect.stringMatching(/^request:/),
        'ask_info:What does the fare cost?',
        'answer_info:4,100 USD',
      ]);
    });

    it('lets only the requester withdraw, and nobody decide afterwards', () => {
      const request = requestException({ db, now: at(0) }, intake());
      expect(() => withdrawException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, requester: 'dev' })).toThrow(NotAllowedError);
      expect(withdrawException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, requester: 'ana', reason: 'Trip cancelled' }).status).toBe('withdrawn');
      expect(() => decideException({ db, now: at(2) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } })).toThrow(AlreadyDecidedError);
    });

    it('counts a repeated approval once (a double click) and needs the quorum of each stage in turn', () => {
      useTwoStageRouting(db);
      const request = requestException({ db, now: at(0) }, intake({ amount: 4100 }));
      expect(request.stages.map((s) => `${s.group}/${s.quorum}`)).toEqual(['finance/2', 'legal/1']);
      const approve = (actor: string, hour: number) => decideException({ db, now: at(hour) }, { tenant: 'acme', requestId: request.id, actor, decision: { action: 'approve' } }).outcome;
      expect(approve('dev', 1)).toBe('approval_recorded');
      expect(approve('dev', 1)).toBe('already_counted');
      expect(() => approve('gil', 1)).toThrow(expect.objectContaining({ rule: 'stage-reviewers' }));
      expect(approve('fay', 2)).toBe('advanced');
      expect(() => approve('dev', 3)).toThrow(expect.objectContaining({ rule: 'stage-reviewers' }));
      expect(approve('gil', 3)).toBe('approved');
      expect(outbox('exception.decided')).toBe(1);
      expect(outbox('exception.advanced')).toBe(1);
    });

    it('shows earlier decisions on the same clause in the reviewer packet', () => {
      const first = requestException({ db, now: at(0) }, intake());
      decideException({ db, now: at(1) }, { tenant: 'acme', requestId: first.id, actor: 'dev', decision: { action: 'deny', reason: 'Short flight.' } });
      const second = requestException({ db, now: at(2) }, intake({ requester: 'kim' }));
      expect(earlierDecisions(db, second).map((r) => [r.id, r.status, r.decidedBy])).toEqual([[first.id, 'denied', 'dev']]);
    });
  });

  describe('timers', () => {
    it('reminds the stage group once, then escalates after the SLA so the escalation group may decide', () => {
      useTwoStageRouting(db);
      const request = requestException({ db, now: at(0) }, intake({ amount: 4100 }));
      expect(runDueTimers({ db, now: at(1) })).toBe(0);
      expect(runDueTimers({ db, now: at(37) })).toBe(1); // 75% of the 2-day SLA
      expect(runDueTimers({ db, now: at(38) })).toBe(0);
      expect(outbox('exception.reminder')).toBe(1);
      expect(runDueTimers({ db, now: at(49) })).toBe(1);
      expect(loadException(db, 'acme', request.id).escalatedTo).toBe('legal');
      expect(outbox('exception.escalated')).toBe(1);
      expect(decideException({ db, now: at(50) }, { tenant: 'acme', requestId: request.id, actor: 'gil', decision: { action: 'deny', reason: 'Too late to book.' } }).outcome).toBe('denied');
    });

    it('drops the timers of a stage the request has left', () => {
      const request = requestException({ db, now: at(0) }, intake());
      decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'deny', reason: 'No.' } });
      expect(runDueTimers({ db, now: at(24 * 10) })).toBe(0);
      expect(outbox('exception.reminder')).toBe(0);
    });

    it('tells the requester before an approved exception ends, and expires it after', () => {
      const request = requestException({ db, now: at(0) }, intake());
      decideException({ db, now: at(1) }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve', expiresOn: '2026-03-20' } });
      expect(runDueTimers({ db, now: () => new Date('2026-03-14T00:00:00Z') })).toBe(1);
      expect(outbox('exception.expiring')).toBe(1);
      expect(runDueTimers({ db, now: () => new Date('2026-03-21T00:00:01Z') })).toBe(1);
      expect(loadException(db, 'acme', request.id).status).toBe('expired');
      expect(verifyAuditChain(db).ok).toBe(true);
    });
  });
});
