import { answerInfoForm } from '../../src/chat/cards/answer-info-form.ts';
import type { Card, CardAction } from '../../src/chat/card.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { currentStage, isOpen, type ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import { exceptionHistory } from '../../src/exceptions/load-exception.ts';
import type { Db } from '../../src/storage/open-database.ts';

const statusText: Record<string, string> = {
  pending: 'waiting for a decision',
  needs_info: 'the reviewers asked you something',
  approved: 'approved',
  denied: 'denied',
  withdrawn: 'withdrawn',
  expired: 'expired',
};

/**
 * A requester's own request, as their thread in Slack tells it: where it
 * stands, the decision and its reason, when an approved exception ends, and
 * the requester's buttons (answer the reviewers' question, withdraw), which
 * go through the same router actions.
 */
export function requesterCard(db: Db, request: ExceptionRequest): Card {
  const decider = request.decidedBy ? (findPerson(db, request.tenant, 'id', request.decidedBy)?.name ?? request.decidedBy) : undefined;
  const facts = [
    { label: 'Section', value: request.clause.section },
    { label: 'Status', value: `**${statusText[request.status] ?? request.status}**` },
    ...(isOpen(request) ? [{ label: 'With', value: `${currentStage(request).group} (stage ${request.stage + 1} of ${request.stages.length})` }] : []),
    ...(decider ? [{ label: 'Decided', value: `by ${decider}${request.decidedAt ? ` on ${request.decidedAt.slice(0, 10)}` : ''}` }] : []),
    ...(request.decisionReason ? [{ label: 'Reason', value: request.decisionReason }] : []),
    ...(request.status === 'approved' && request.expiresOn ? [{ label: 'Ends on', value: request.expiresOn }] : []),
  ];
  const value = { requestId: String(request.id) };
  const actions: CardAction[] = [];
  if (request.status === 'needs_info') {
    const question = [...exceptionHistory(db, request.tenant, request.id)].reverse().find((action) => action.action === 'ask_info')?.note ?? 'The reviewers asked for more information.';
    actions.push({ id: 'exception.answer', label: 'Answer the reviewers', style: 'primary', value: { ...value, question }, form: answerInfoForm(request.id, question) });
  }
  if (isOpen(request)) actions.push({ id: 'exception.withdraw', label: 'Withdraw', style: 'danger', value });
  return {
    key: `request:${request.id}`,
    title: `#${request.id} ${request.clause.title}`,
    body: [{ type: 'facts', facts }],
    actions,
    summary: `Your exception request #${request.id}: ${statusText[request.status] ?? request.status}`,
  };
}
