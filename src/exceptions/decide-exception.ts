import { findPerson } from '../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError } from '../errors.ts';
import { alreadyDecided } from './already-decided.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { armExpiryTimers, armStageTimers } from './arm-timers.ts';
import { authorizeDecision } from './authorize-decision.ts';
import { currentStage, isOpen, type ExceptionRequest } from './exception-request.ts';
import { loadException } from './load-exception.ts';
import { recordExceptionEvent } from './record-exception-event.ts';
import { updateRequest } from './update-request.ts';
import { refuse } from '../rules/refuse.ts';

export type Decision =
  | { action: 'approve'; note?: string; expiresOn?: string }
  | { action: 'deny'; reason: string }
  | { action: 'ask_info'; question: string };

export type DecisionOutcome = {
  request: ExceptionRequest;
  /** What this call did: counted an approval, moved to the next stage, decided, asked, or nothing (a repeated click). */
  outcome: 'approval_recorded' | 'advanced' | 'approved' | 'denied' | 'info_requested' | 'already_counted';
};

/** Approved exceptions end after this long unless the request or the reviewer says otherwise. */
const defaultExceptionDays = 90;

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function validate(decision: Decision, today: string): void {
  if (decision.action === 'deny' && !decision.reason?.trim()) throw new InvalidRequestError('reason', 'A denial needs a reason the requester can read.');
  if (decision.action === 'ask_info' && !decision.question?.trim()) throw new InvalidRequestError('question', 'Say what information you need.');
  if (decision.action === 'approve' && decision.expiresOn !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.expiresOn)) throw new InvalidRequestError('expiresOn', `"${decision.expiresOn}" is not a date (YYYY-MM-DD).`);
    if (decision.expiresOn < today) throw new InvalidRequestError('expiresOn', 'An exception cannot end before today.');
  }
}

type Attempt = { ok: DecisionOutcome } | { refused: NotAllowedError };

/**
 * Records a reviewer's decision on an exception request. Everything happens
 * in one immediate transaction: the request is re-read, the reviewer is
 * authorised against it and the directory, and the change, its audit event
 * and its outbox message commit together, so of any number of concurrent
 * attempts exactly one decides and the others are told who decided and
 * when. A refused attempt is audited before the refusal is thrown.
 */
export function decideException(
  deps: { db: Db; now?: () => Date },
  input: { tenant: string; requestId: number; actor: string; decision: Decision },
): DecisionOutcome {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  const today = at.slice(0, 10);
  validate(input.decision, today);

  const attempt = db
    .transaction((): Attempt => {
      const request = loadException(db, input.tenant, input.requestId);
      if (!isOpen(request)) throw alreadyDecided(db, request);
      const person = findPerson(db, input.tenant, 'id', input.actor);
      const authorization = person
        ? authorizeDecision(db, request, person)
        : { allowed: false as const, rule: 'directory', reason: 'You are not in the directory of this workspace.' };
      if (!authorization.allowed) {
        const action = `exception.${input.decision.action}`;
        return { refused: refuse(db, { tenant: input.tenant, actor: input.actor, subject: `exception:${request.id}`, action, rule: authorization.rule, reason: authorization.reason, at }) };
      }
      return { ok: apply(db, request, input.actor, input.decision, now) };
    })
    .immediate();
  if ('refused' in attempt) throw attempt.refused;
  return attempt.ok;
}

function apply(db: Db, request: ExceptionRequest, actor: string, decision: Decision, now: Date): DecisionOutcome {
  const at = now.toISOString();
  switch (decision.action) {
    case 'deny': {
      const denied = updateRequest(db, request, { status: 'denied', decidedAt: at, decidedBy: actor, decisionReason: decision.reason.trim() });
      recordExceptionEvent(db, { type: 'decided', request: denied, actor, at, action: 'deny', note: decision.reason.trim() });
      return { request: denied, outcome: 'denied' };
    }
    case 'ask_info': {
      if (request.status === 'needs_info') throw new InvalidRequestError('status', 'This request is already waiting for the requester to answer a question.');
      const asked = updateRequest(db, request, { status: 'needs_info' });
      recordExceptionEvent(db, { type: 'info_requested', request: asked, actor, at, action: 'ask_info', note: decision.question.trim() });
      return { request: asked, outcome: 'info_requested' };
    }
    case 'approve': {
      const vote = statement(
        db,
        `INSERT OR IGNORE INTO exception_actions (tenant, request_id, stage, actor, action, note, at) VALUES (?, ?, ?, ?, 'approve', ?, ?)`,
      ).run(request.tenant, request.id, request.stage, actor, decision.note ?? null, at);
      if (vote.changes === 0) return { request, outcome: 'already_counted' };
      const { approvals } = statement<[number, number], { approvals: number }>(
        db,
        `SELECT count(*) AS approvals FROM exception_actions WHERE request_id = ? AND stage = ? AND action = 'approve'`,
      ).get(request.id, request.stage)!;
      const stage = currentStage(request);
      if (approvals < stage.quorum) {
        const counted = updateRequest(db, request, {});
        recordExceptionEvent(db, { type: 'approval_recorded', request: counted, actor, at, note: `${approvals} of ${stage.quorum} approvals` });
        return { request: counted, outcome: 'approval_recorded' };
      }
      if (request.stage + 1 < request.stages.length) {
        const advanced = updateRequest(db, request, { status: 'pending', stage: request.stage + 1, stageStartedAt: at, escalatedTo: null });
        recordExceptionEvent(db, { type: 'advanced', request: advanced, actor, at, action: 'advance', note: `stage ${advanced.stage + 1} of ${advanced.stages.length}: ${currentStage(advanced).group}` });
        armStageTimers(db, advanced);
        return { request: advanced, outcome: 'advanced' };
      }
      const expiresOn = decision.expiresOn ?? request.endsOn ?? addDays(now, defaultExceptionDays);
      const approved = updateRequest(db, request, { status: 'approved', decidedAt: at, decidedBy: actor, decisionReason: decision.note?.trim() || null, expiresOn });
      recordExceptionEvent(db, { type: 'decided', request: approved, actor, at, note: decision.note });
      armExpiryTimers(db, approved, now);
      return { request: approved, outcome: 'approved' };
    }
  }
}
