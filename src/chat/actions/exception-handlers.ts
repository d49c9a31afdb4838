import { findPerson, type Person } from '../../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError, UnknownPersonError } from '../../errors.ts';
import { authorizeDecision } from '../../exceptions/authorize-decision.ts';
import { decideException, type Decision } from '../../exceptions/decide-exception.ts';
import { findClause, type ClauseRef } from '../../exceptions/find-clause.ts';
import { loadException } from '../../exceptions/load-exception.ts';
import { requestException } from '../../exceptions/request-exception.ts';
import { answerInfoRequest, withdrawException } from '../../exceptions/respond-to-request.ts';
import { answerInfoForm } from '../cards/answer-info-form.ts';
import { clauseVersionRef, exceptionCard } from '../cards/exception-card.ts';
import { exceptionIntakeForm } from '../cards/exception-intake-form.ts';
import { exceptionEventMessages } from '../cards/exception-event-messages.ts';
import { noticeCard } from '../cards/notice-card.ts';
import { reasonForm } from '../cards/reason-form.ts';
import type { ActionEvent, FormEvent } from '../chat-event.ts';
import type { ActionHandler, ChatDeps, FormHandler } from '../chat-handlers.ts';
import type { ChatReply } from '../chat-reply.ts';
import { replyTo } from '../reply-to.ts';
import { refuse } from '../../rules/refuse.ts';

function person(deps: ChatDeps, tenant: string, id: string): Person {
  const found = findPerson(deps.db, tenant, 'id', id);
  if (!found) throw new UnknownPersonError();
  return found;
}

/** The request a button or form names; its id comes from the payload, so everything else is re-read on the server. */
function requestIdOf(value: Record<string, string>): number {
  const id = Number(value.requestId);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidRequestError('requestId', 'That button does not name an exception request.');
  return id;
}

function clauseRefOf(value: Record<string, string>): ClauseRef {
  if (!value.policyId || !value.version || !value.section) throw new InvalidRequestError('clause', 'That button does not name a policy clause.');
  return { policyId: value.policyId, version: value.version, section: value.section, ...(value.jurisdiction ? { jurisdiction: value.jurisdiction } : {}) };
}

const today = (deps: ChatDeps) => deps.now().toISOString().slice(0, 10);

/**
 * The request after a change, redrawn on the card the button was on, with a
 * private word for the clicker. The clause's words stay off the card where
 * not every member of the conversation may read its policy.
 */
async function redrawn(deps: ChatDeps, event: ActionEvent | FormEvent, requestId: number, stage: number, note?: string): Promise<ChatReply[]> {
  deps.afterCommit?.();
  const request = loadException(deps.db, event.tenant, requestId);
  const clauseShown = (await replyTo(event, [clauseVersionRef(deps.db, request)])) === 'conversation';
  const replies: ChatReply[] = [{ kind: 'card', card: exceptionCard(deps.db, request, stage, { clauseShown }), to: 'conversation', replace: true }];
  if (note) replies.push(noticeCard(note));
  return replies;
}

/** "Request an exception" under an answer: the intake form, prefilled with the clause as it stands today. */
const openException: ActionHandler = {
  action: 'exception.open',
  async handle(deps, event) {
    const requester = person(deps, event.tenant, event.personId);
    const clause = findClause(deps.db, event.tenant, requester, clauseRefOf(event.value), today(deps));
    if (!clause) return [noticeCard('That policy clause is no longer one you can request an exception to.')];
    if (clause.version.exceptions === 'not-allowed') return [noticeCard(`The ${clause.version.title} does not allow exceptions.`)];
    const ref = clauseRefOf(event.value);
    return [{ kind: 'form', form: exceptionIntakeForm({ ...ref, title: clause.version.title, quote: clause.section.body }) }];
  },
};

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** The intake form submitted: the request opens and goes to its reviewers (through the outbox). */
const submitIntake: FormHandler = {
  form: 'exception.intake',
  async handle(deps, event) {
    const requester = person(deps, event.tenant, event.personId);
    const clause = findClause(deps.db, event.tenant, requester, clauseRefOf(event.value), today(deps));
    if (!clause) throw new InvalidRequestError(undefined, 'That policy clause is no longer one you can request an exception to.');
    const amount = optional(event.fields.amount);
    if (amount !== undefined && !Number.isFinite(Number(amount))) throw new InvalidRequestError('amount', `"${amount}" is not an amount.`);
    const request = requestException(deps, {
      tenant: event.tenant,
      requester: requester.id,
      versionId: clause.version.versionId,
      sectionId: clause.section.id,
      justification: event.fields.justification ?? '',
      ...(amount !== undefined ? { amount: Number(amount) } : {}),
      ...(optional(event.fields.currency) ? { currency: optional(event.fields.currency)!.toUpperCase() } : {}),
      ...(optional(event.fields.starts_on) ? { startsOn: optional(event.fields.starts_on)! } : {}),
      ...(optional(event.fields.ends_on) ? { endsOn: optional(event.fields.ends_on)! } : {}),
      evidence: (event.fields.evidence ?? '').split(/\s+/).filter(Boolean),
    });
    deps.afterCommit?.();
    return [{ ...noticeCard(exceptionEventMessages.requested(request)), echoed: true }];
  },
};

const approve: ActionHandler = {
  action: 'exception.approve',
  async handle(deps, event) {
    const requestId = requestIdOf(event.value);
    const stage = loadException(deps.db, event.tenant, requestId).stage;
    const result = decideException(deps, { tenant: event.tenant, requestId, actor: event.personId, decision: { action: 'approve' } });
    const note = {
      already_counted: 'Your approval was already counted.',
      approval_recorded: 'Your approval is counted; more approvals are needed at this stage.',
    }[result.outcome as string];
    return redrawn(deps, event, requestId, stage, note);
  },
};

/**
 * Deny and Ask for info first check that the clicker may decide (a refusal
 * is audited and explained), so nobody writes a reason for nothing; then the form.
 */
function reasonAction(kind: 'deny' | 'ask-info'): ActionHandler {
  return {
    action: `exception.${kind}`,
    async handle(deps, event: ActionEvent) {
      const request = loadException(deps.db, event.tenant, requestIdOf(event.value));
      const authorization = authorizeDecision(deps.db, request, person(deps, event.tenant, event.personId));
      if (!authorization.allowed) {
        const subject = `exception:${request.id}`;
        throw refuse(deps.db, { tenant: event.tenant, actor: event.personId, subject, action: `exception.${kind}`, rule: authorization.rule, reason: authorization.reason, at: deps.now().toISOString(), context: { channel: event.conversation.id.split(':')[0]! } });
      }
      return [{ kind: 'form', form: reasonForm(kind, request.id) }];
    },
  };
}

function reasonSubmitted(kind: 'deny' | 'ask-info'): FormHandler {
  return {
    form: `exception.${kind}`,
    async handle(deps, event) {
      const requestId = requestIdOf(event.value);
      const reason = event.fields.reason ?? '';
      const decision: Decision = kind === 'deny' ? { action: 'deny', reason } : { action: 'ask_info', question: reason };
      const stage = loadException(deps.db, event.tenant, requestId).stage;
      try {
        decideException(deps, { tenant: event.tenant, requestId, actor: event.personId, decision });
      } catch (error) {
        // The form has one field: a missing reason or question is about it.
        if (error instanceof InvalidRequestError && (error.field === 'reason' || error.field === 'question')) throw new InvalidRequestError('reason', error.message);
        throw error;
      }
      return redrawn(deps, event, requestId, stage);
    },
  };
}

/** "Answer" on a reviewer's question: the requester's form. */
const openAnswer: ActionHandler = {
  action: 'exception.answer',
  async handle(deps, event) {
    const request = loadException(deps.db, event.tenant, requestIdOf(event.value));
    if (request.requester !== event.personId) throw new NotAllowedError('requester-only', 'Only the person who asked for this exception can answer its questions.');
    return [{ kind: 'form', form: answerInfoForm(request.id, event.value.question ?? 'The reviewers asked for more information.') }];
  },
};

const submitAnswer: FormHandler = {
  form: 'exception.answer',
  async handle(deps, event) {
    const request = answerInfoRequest(deps, { tenant: event.tenant, requestId: requestIdOf(event.value), requester: event.personId, answer: event.fields.answer ?? '' });
    deps.afterCommit?.();
    return [noticeCard(`Thanks: your answer is with the reviewers of request #${request.id}.`)];
  },
};

const withdraw: ActionHandler = {
  action: 'exception.withdraw',
  async handle(deps, event) {
    const request = withdrawException(deps, { tenant: event.tenant, requestId: requestIdOf(event.value), requester: event.personId });
    deps.afterCommit?.();
    return [noticeCard(`Your exception request #${request.id} is withdrawn.`)];
  },
};

export const exceptionActions: ActionHandler[] = [openException, approve, reasonAction('deny'), reasonAction('ask-info'), openAnswer, withdraw];
export const exceptionForms: FormHandler[] = [submitIntake, reasonSubmitted('deny'), reasonSubmitted('ask-info'), submitAnswer];
