import { InvalidRequestError, PolicyDeskError } from '../errors.ts';
import type { ChatEvent } from './chat-event.ts';
import type { ChatDeps } from './chat-handlers.ts';
import type { ChatReply } from './chat-reply.ts';
import { noticeCard } from './cards/notice-card.ts';
import { actionHandlers, formHandlers, messageIntents } from './handlers.ts';

/**
 * The shared intent router: one normalized event in, the replies out, the
 * same for Slack, Teams and the console. Messages go to the first intent
 * that claims them (questions last); buttons and forms to their handler by
 * id (a button with a form and no handler opens the form). A domain refusal (not allowed, already decided, bad input) becomes a
 * private reply that says why (for a form, an `invalid` reply by its field);
 * anything else is the adapter's to log.
 */
export async function routeEvent(deps: ChatDeps, event: ChatEvent): Promise<ChatReply[]> {
  try {
    switch (event.kind) {
      case 'message': {
        const intent = messageIntents.find((candidate) => candidate.matches(event.text));
        if (!intent) throw new Error('no message intent matched; the question intent must match everything');
        return await intent.handle(deps, event);
      }
      case 'action': {
        const handler = actionHandlers.find((candidate) => candidate.action === event.action);
        // A button whose only job is to open its form: the submission is the event that counts.
        if (!handler && event.form) return [{ kind: 'form', form: event.form }];
        if (!handler) return [noticeCard(`That button (${event.action}) is not one I know; it may be from an older version of this app.`)];
        return await handler.handle(deps, event);
      }
      case 'form': {
        const handler = formHandlers.find((candidate) => candidate.form === event.form);
        if (!handler) return [noticeCard(`That form (${event.form}) is not one I know; it may be from an older version of this app.`)];
        return await handler.handle(deps, event);
      }
      case 'unsupported':
        return [];
    }
  } catch (error) {
    if (error instanceof PolicyDeskError && event.kind === 'form') {
      return [{ kind: 'invalid', ...(error instanceof InvalidRequestError && error.field ? { field: error.field } : {}), message: error.message }];
    }
    if (error instanceof PolicyDeskError) return [noticeCard(error.message)];
    throw error;
  }
}
