import { currentStage, type ExceptionRequest } from '../../exceptions/exception-request.ts';
import type { Card } from '../card.ts';

/**
 * What people are told of an exception request's events, in the same words
 * on every platform: the requester in their thread or personal chat,
 * reviewers under the approval card. Each notifier decides where each goes.
 */
export const exceptionEventMessages = {
  requested: (request: ExceptionRequest) =>
    `Your exception request #${request.id} on the ${request.clause.title}, "${request.clause.section}", is with ${currentStage(request).group}. I'll let you know when they decide.`,
  advanced: (request: ExceptionRequest, actor: string) => `Your exception request #${request.id} was approved by ${actor} and is now with the next reviewers.`,
  decided: (request: ExceptionRequest, actor: string) =>
    request.status === 'approved'
      ? `✅ Your exception request #${request.id} was approved by ${actor}. It ends on ${request.expiresOn}.`
      : `⛔ Your exception request #${request.id} was denied by ${actor}: ${request.decisionReason}`,
  answered: (answer: string) => `The requester answered: ${answer}`,
  reminder: (request: ExceptionRequest) => `⏰ Reminder: this request waits on ${currentStage(request).group}.`,
  escalated: (note: string) => `⚠️ The SLA passed. ${note}`,
  expiring: (request: ExceptionRequest) => `Your exception #${request.id} ends on ${request.expiresOn}.`,
  expired: (request: ExceptionRequest) => `Your exception #${request.id} has ended.`,
  /** The reviewers' question to the requester, with an Answer button; `otherWay` says how else that platform takes an answer. */
  question(request: ExceptionRequest, actor: string, question: string, otherWay?: string): Card {
    return {
      key: `exception:${request.id}:question`,
      body: [
        { type: 'text', text: `❓ ${actor} needs more information about your exception request #${request.id}:` },
        { type: 'quote', text: question },
        ...(otherWay ? [{ type: 'note' as const, text: otherWay }] : []),
      ],
      // A button's value has room for about 2,000 characters on Slack.
      actions: [{ id: 'exception.answer', label: 'Answer', style: 'primary', value: { requestId: String(request.id), question: question.slice(0, 1500) } }],
      summary: `${actor} needs more information about your exception request #${request.id}`,
    };
  },
};
