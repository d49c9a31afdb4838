import { InvalidRequestError, NotAllowedError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { alreadyDecided } from './already-decided.ts';
import { armStageTimers } from './arm-timers.ts';
import { isOpen, type ExceptionRequest } from './exception-request.ts';
import { loadException } from './load-exception.ts';
import { recordExceptionEvent } from './record-exception-event.ts';
import { updateRequest } from './update-request.ts';

function requesterOnly(db: Db, request: ExceptionRequest, person: string, what: string): void {
  if (request.requester !== person) throw new NotAllowedError('requester-only', `Only the person who asked for this exception can ${what}.`);
  if (!isOpen(request)) throw alreadyDecided(db, request);
}

/**
 * The requester answers a reviewer's question: the request returns to the
 * stage it was at, with that stage's SLA starting again.
 */
export function answerInfoRequest(
  deps: { db: Db; now?: () => Date },
  input: { tenant: string; requestId: number; requester: string; answer: string },
): ExceptionRequest {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  if (!input.answer.trim()) throw new InvalidRequestError('answer', 'The answer is empty.');
  return db
    .transaction(() => {
      const request = loadException(db, input.tenant, input.requestId);
      requesterOnly(db, request, input.requester, 'answer its questions');
      if (request.status !== 'needs_info') throw new InvalidRequestError('status', 'No question is waiting for an answer on this request.');
      const resumed = updateRequest(db, request, { status: 'pending', stageStartedAt: at });
      recordExceptionEvent(db, { type: 'info_provided', request: resumed, actor: input.requester, at, action: 'answer_info', note: input.answer.trim() });
      armStageTimers(db, resumed);
      return resumed;
    })
    .immediate();
}

/** The requester withdraws an open request. */
export function withdrawException(
  deps: { db: Db; now?: () => Date },
  input: { tenant: string; requestId: number; requester: string; reason?: string },
): ExceptionRequest {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  return db
    .transaction(() => {
      const request = loadException(db, input.tenant, input.requestId);
      requesterOnly(db, request, input.requester, 'withdraw it');
      const withdrawn = updateRequest(db, request, { status: 'withdrawn', decidedAt: at, decidedBy: input.requester, decisionReason: input.reason?.trim() || null });
      recordExceptionEvent(db, { type: 'withdrawn', request: withdrawn, actor: input.requester, at, action: 'withdraw', note: input.reason });
      return withdrawn;
    })
    .immediate();
}
