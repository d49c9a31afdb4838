import type { ActionHandler, FormHandler, MessageIntent } from './chat-handlers.ts';
import { exceptionActions, exceptionForms } from './actions/exception-handlers.ts';
import { feedbackAction } from './actions/feedback-action.ts';
import { lifecycleActions } from './actions/lifecycle-actions.ts';
import { compareIntent } from './intents/compare-intent.ts';
import { questionIntent } from './intents/question-intent.ts';

/** Message intents, tried in order; the question intent takes whatever the others leave, so it stays last. */
export const messageIntents: MessageIntent[] = [compareIntent, questionIntent];

export const actionHandlers: ActionHandler[] = [feedbackAction, ...exceptionActions, ...lifecycleActions];

export const formHandlers: FormHandler[] = [...exceptionForms];
