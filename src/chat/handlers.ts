import type { ActionHandler, FormHandler, MessageIntent } from './chat-handlers.ts';
import { exceptionActions, exceptionForms } from './actions/exception-handlers.ts';
import { feedbackAction } from './actions/feedback-action.ts';
import { draftActions, draftForms } from './actions/draft-handlers.ts';
import { draftIntent } from './intents/draft-intent.ts';
import { exceptionIntent } from './intents/exception-intent.ts';
import { helpIntent } from './intents/help-intent.ts';
import { questionIntent } from './intents/question-intent.ts';

/** Message intents, tried in order; the question intent takes whatever the others leave, so it stays last. */
export const messageIntents: MessageIntent[] = [helpIntent, draftIntent, exceptionIntent, questionIntent];

export const actionHandlers: ActionHandler[] = [feedbackAction, ...exceptionActions, ...draftActions];

export const formHandlers: FormHandler[] = [...exceptionForms, ...draftForms];
