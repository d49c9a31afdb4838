import type { TurnContext } from 'botbuilder';
import type { Card } from '../../src/chat/card.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import type { Form } from '../../src/chat/card.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { adaptiveCardContentType, adaptiveCardMessage, cardToAdaptiveCard, formToAdaptiveCard, type AdaptiveCard, type FormData, type KeepForm } from './card-to-adaptive-card.ts';
import { cardToActivity } from './card-to-activity.ts';
import { noticeCardBody } from '../../src/chat/cards/publication-notice.ts';
import { describeTeamsFailure } from './teams-errors.ts';

/** The body of an `adaptiveCard/action` invoke response (Universal Actions). */
export type ActionResponse =
  | { statusCode: 200; type: typeof adaptiveCardContentType; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export const messageResponse = (text: string): ActionResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
export const cardResponse = (card: AdaptiveCard): ActionResponse => ({ statusCode: 200, type: adaptiveCardContentType, value: card });
export const badRequest = (message: string): ActionResponse => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } });

/** A card's words, for a reply that is a line of text. */
export function cardText(card: Card): string {
  return card.body.map((item) => ('text' in item ? item.text : '')).filter(Boolean).join('\n');
}

/** Where a reply for the asker alone goes when the conversation is shared: their personal chat. */
export type ToAsker = (message: Record<string, unknown>) => Promise<void>;

type Submitted = { formData?: FormData; fields?: Record<string, string>; replyToId?: string; shared: boolean; toAsker: ToAsker; keepForm: KeepForm; recallForm: (key: string) => Form | undefined; logger: Logger };

/**
 * Redraws the pressed card in place for everyone; false when Teams would
 * not (the post deleted, the app removed from the team, Teams down). What
 * the click did is committed by then, so that is logged, not thrown: the
 * clicker is still shown the outcome, and a failed turn would only have
 * Teams send the click again, to be told it was done already.
 */
async function updateInPlace(context: TurnContext, message: Record<string, unknown>, activityId: string, logger: Logger): Promise<boolean> {
  try {
    await context.updateActivity({ ...message, id: activityId });
    return true;
  } catch (error) {
    logger.warn('teams card not updated in place after a click; the clicker is shown the outcome', { activityId, ...describeTeamsFailure(error) });
    return false;
  }
}

/**
 * Delivers what goes to the conversation (a card updated in place for
 * everyone, a card posted) and gathers what is for the clicker: the card
 * the invoke response shows them, and passing messages.
 */
async function deliverToConversation(context: TurnContext, replies: ChatReply[], submitted: Submitted): Promise<{ card: AdaptiveCard | undefined; messages: string[]; replaced: boolean }> {
  const { keepForm } = submitted;
  let card: AdaptiveCard | undefined;
  let replaced = false;
  const messages: string[] = [];
  for (const reply of replies) {
    if (reply.kind === 'form') card = formToAdaptiveCard(reply.form, { keepForm });
    else if (reply.kind === 'invalid') {
      const form = submitted.formData?.key ? submitted.recallForm(submitted.formData.key) : undefined;
      if (form) card = formToAdaptiveCard(form, { typed: submitted.fields ?? {}, error: reply, keepForm });
      else messages.push(reply.message);
    } else if (reply.replace && submitted.replyToId) {
      replaced = await updateInPlace(context, cardToActivity(reply.card, keepForm), submitted.replyToId, submitted.logger);
      card = cardToAdaptiveCard(reply.card, { keepForm });
    } else if (reply.to === 'conversation' || !submitted.shared) {
      // In the personal chat the notifier says the same next: the form becomes a receipt, not a second copy.
      if (reply.echoed && submitted.formData && !card) card = cardToAdaptiveCard(noticeCardBody('✅ Sent.'), { keepForm });
      else if (reply.echoed) continue;
      else if (reply.to === 'asker' && submitted.formData && !card) card = cardToAdaptiveCard(reply.card, { keepForm });
      else if (reply.to === 'asker') messages.push(cardText(reply.card));
      else await context.sendActivity(cardToActivity(reply.card, keepForm));
    } else if (submitted.formData && !card) {
      card = cardToAdaptiveCard(reply.card, { keepForm });
    } else {
      messages.push(cardText(reply.card));
    }
  }
  return { card, messages, replaced };
}

/** Sends passing messages to the clicker: privately in a shared conversation. */
async function tellClicker(context: TurnContext, submitted: Submitted, messages: string[]): Promise<void> {
  if (messages.length === 0) return;
  const text = messages.join('\n\n');
  await (submitted.shared ? submitted.toAsker({ type: 'message', text }) : context.sendActivity(text));
}

/**
 * The router's replies to a pressed button or submitted form, delivered:
 * a card that replaces the pressed one is updated in place for everyone
 * (same activity id) and shown to the clicker; a form opens in place of the
 * card for the clicker alone; a refused form comes back with the message by
 * its field and what was typed; a private notice after a submitted form
 * takes the form's place; after a button it is a passing message, leaving
 * the card as it was. Returns the invoke response body; a card Teams would
 * not update in place is still shown to the clicker in it.
 */
export async function deliverActionReplies(context: TurnContext, replies: ChatReply[], submitted: Submitted): Promise<ActionResponse> {
  const { card, messages } = await deliverToConversation(context, replies, submitted);
  if (card) {
    // The clicker sees the card; anything else they were told goes to them privately as well.
    await tellClicker(context, submitted, messages);
    return cardResponse(card);
  }
  return messageResponse(messages.join('\n\n') || 'Done.');
}

/**
 * The replies to an action whose invoke was answered already ("working on
 * it"), delivered in a later turn: what the response would have shown the
 * clicker comes as a message instead (a form to fill, a form's refusal), a
 * card already updated in place is not sent again, and passing messages
 * reach the clicker as they would have. A card that could not be updated
 * in place comes to the clicker as a message, so they see the outcome.
 */
export async function deliverLateActionReplies(context: TurnContext, replies: ChatReply[], submitted: Submitted): Promise<void> {
  const { card, messages, replaced } = await deliverToConversation(context, replies, submitted);
  if (card && !replaced) {
    const message = adaptiveCardMessage(card);
    await (submitted.shared ? submitted.toAsker(message) : context.sendActivity(message));
  }
  await tellClicker(context, submitted, messages);
}
