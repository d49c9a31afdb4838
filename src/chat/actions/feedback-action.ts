import { recordFeedback } from '../../answers/record-feedback.ts';
import { InvalidRequestError } from '../../errors.ts';
import type { ActionHandler } from '../chat-handlers.ts';
import { noticeCard } from '../cards/notice-card.ts';

/** 👍/👎 under an answer: recorded for the person who clicked, thanked privately. */
export const feedbackAction: ActionHandler = {
  action: 'answer.feedback',
  async handle(deps, event) {
    const answerId = Number(event.value.answerId);
    if (!Number.isInteger(answerId) || !['yes', 'no'].includes(event.value.helpful ?? '')) throw new InvalidRequestError('value', 'the feedback button carried no answer');
    recordFeedback(deps.db, { tenant: event.tenant, answerId, person: event.personId, helpful: event.value.helpful === 'yes', at: deps.now() });
    return [noticeCard('Thanks for the feedback.')];
  },
};
