import type { ActionHandler, FormHandler, MessageIntent } from './chat-handlers.ts';
import { exceptionActions, exceptionForms } from './actions/exception-handlers.ts';
import { feedbackAction } from './actions/feedback-action.ts';
import { exceptionIntent } from './intents/exception-intent.ts';
import { helpIntent } from './intents/help-intent.ts';
import { questionIntent } from './intents/question-intent.ts';

/** Message intents, tried in order; the question intent takes whatever the others leave, so it stays last. */
export const messageIntents: MessageIntent[] = [helpIntent, exceptionIntent, questionIntent];

export const actionHandlers: ActionHandler[] = [feedbackAction, ...exceptionActions];

export const formHandlers: FormHandler[] = [...exceptionForms];
