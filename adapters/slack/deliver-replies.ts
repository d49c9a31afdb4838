import type { WebClient } from '@slack/web-api';
import type { Form } from '../../src/chat/card.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { CommitBatcher } from '../../src/storage/create-commit-batcher.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { noticeCard } from '../../src/chat/cards/notice-card.ts';
import { keepForm } from '../../src/chat/form-store.ts';
import { cardToBlockKit, type KeepForm } from './card-to-block-kit.ts';
import { formToModal } from './form-to-modal.ts';
import { postQueued, queueSlackPosts, type SlackPost } from './slack-posts.ts';

const formNotOpened = "Slack didn't open the form (the button's time ran out, or Slack is busy). Please click the button again.";

/** Where a Slack event happened, as replies need it. */
export type SlackOrigin = {
  user: string;
  /** The channel (C…, G…) or DM (D…); absent for App Home buttons. */
  channel?: string;
  thread?: string;
  /** The message a button was pressed on (its card is what `replace` redraws). */
  messageTs?: string;
  triggerId?: string;
  /** A placeholder already shown for this event, updated with the first card for the conversation. */
  placeholder?: { channel: string; ts: string };
};

/** A DM with the bot is private; channels and group DMs are read by others. */
export const isSharedChannel = (channel: string | undefined) => channel !== undefined && !channel.startsWith('D');

/**
 * The Web API calls that show the router's replies in Slack: cards for the
 * conversation as messages (in the thread; a placeholder or the pressed card
 * updated in place), cards for the asker as ephemeral messages in a channel
 * or plain messages in their DM. Forms are returned apart: a modal must open
 * at once, with the click's trigger. `invalid` replies belong to modal
 * submissions and are answered there.
 */
export function planReplies(replies: ChatReply[], origin: SlackOrigin, keepForm?: KeepForm): { posts: SlackPost[]; forms: Form[] } {
  const posts: SlackPost[] = [];
  const forms: Form[] = [];
  let placeholder = origin.placeholder;
  for (const reply of replies) {
    if (reply.kind === 'form') forms.push(reply.form);
    if (reply.kind !== 'card') continue;
    // The requester's thread in their DM says the same.
    if (reply.echoed && !isSharedChannel(origin.channel)) continue;
    const message = cardToBlockKit(reply.card, keepForm);
    const thread = origin.thread ? { thread_ts: origin.thread } : {};
    if (reply.to === 'conversation' && origin.channel) {
      if (reply.replace && origin.messageTs) posts.push({ method: 'chat.update', args: { channel: origin.channel, ts: origin.messageTs, ...message } });
      else if (placeholder) posts.push({ method: 'chat.update', args: { channel: placeholder.channel, ts: placeholder.ts, ...message } });
      else posts.push({ method: 'chat.postMessage', args: { channel: origin.channel, ...thread, ...message } });
      placeholder = undefined;
      continue;
    }
    if (reply.replace) continue; // App Home: the home view is republished instead.
    if (placeholder) {
      // The reply is not for everyone here: the placeholder goes.
      posts.push({ method: 'chat.delete', args: { channel: placeholder.channel, ts: placeholder.ts } });
      placeholder = undefined;
    }
    if (isSharedChannel(origin.channel)) posts.push({ method: 'chat.postEphemeral', args: { channel: origin.channel!, user: origin.user, ...thread, ...message } });
    else posts.push({ method: 'chat.postMessage', args: { channel: origin.channel ?? origin.user, ...thread, ...message } });
  }
  return { posts, forms };
}

export type DeliveryContext = {
  db: Db;
  /** For calls made at once (opening a form). */
  client: WebClient;
  /** For posts, made through the outbox (see `createPostingClient`). */
  posting: WebClient;
  logger: Logger;
  now: () => Date;
  tenant: string;
  deliveryKey: string;
  /** Group commit for the queue's writes, shared by the deliveries of one burst. */
  commits: CommitBatcher;
};

/**
 * Delivers replies: a form opens as a modal at once; posts are queued
 * durably (marking the delivery done) and then made, so a restart resumes
 * them and a Slack retry never repeats them.
 */
export async function deliverReplies(context: DeliveryContext, replies: ChatReply[], origin: SlackOrigin): Promise<void> {
  const { posts, forms } = planReplies(replies, origin, (form) => keepForm(context.db, context.tenant, form));
  for (const form of forms) {
    if (!origin.triggerId) continue;
    try {
      await context.client.views.open({
        trigger_id: origin.triggerId,
        view: formToModal(form, { ...(origin.channel ? { channel: origin.channel } : {}), ...(origin.messageTs ? { thread: origin.messageTs } : {}) }) as never,
      });
    } catch (error) {
      // A click's trigger lasts 3 seconds: a modal Slack would not open is told, not left as a button that did nothing.
      context.logger.warn('slack modal not opened', { form: form.id, error: (error as Error).message });
      posts.push(...planReplies([noticeCard(formNotOpened)], { ...origin, placeholder: undefined }).posts);
    }
  }
  if (posts.length === 0) return;
  const ids = await context.commits.run(() => queueSlackPosts(context.db, { tenant: context.tenant, deliveryKey: context.deliveryKey, posts, now: context.now() }));
  await postQueued(context.db, context.posting, ids, context.now, context.logger, context.commits);
}
