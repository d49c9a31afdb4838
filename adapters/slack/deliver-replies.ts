import type { WebClient } from '@slack/web-api';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { cardToBlockKit } from './card-to-block-kit.ts';
import { formToModal } from './form-to-modal.ts';

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
 * Delivers the router's replies in Slack: cards for the conversation as
 * messages (in the thread; a placeholder or the pressed card updated in
 * place), cards for the asker as ephemeral messages in a channel or plain
 * messages in their DM, forms as modals. `invalid` replies belong to modal
 * submissions and are answered there, not here.
 */
export async function deliverReplies(client: WebClient, replies: ChatReply[], origin: SlackOrigin): Promise<void> {
  let placeholder = origin.placeholder;
  for (const reply of replies) {
    if (reply.kind === 'form') {
      if (origin.triggerId) await client.views.open({ trigger_id: origin.triggerId, view: formToModal(reply.form, { ...(origin.channel ? { channel: origin.channel } : {}), ...(origin.messageTs ? { thread: origin.messageTs } : {}) }) as never });
      continue;
    }
    if (reply.kind !== 'card') continue;
    const message = cardToBlockKit(reply.card);
    const thread = origin.thread ? { thread_ts: origin.thread } : {};
    if (reply.to === 'conversation' && origin.channel) {
      if (reply.replace && origin.messageTs) await client.chat.update({ channel: origin.channel, ts: origin.messageTs, ...message });
      else if (placeholder) await client.chat.update({ channel: placeholder.channel, ts: placeholder.ts, ...message });
      else await client.chat.postMessage({ channel: origin.channel, ...thread, ...message });
      placeholder = undefined;
      continue;
    }
    if (reply.replace) continue; // App Home: the home view is republished instead.
    if (placeholder) {
      // The reply is not for everyone here: the placeholder goes.
      await client.chat.delete({ channel: placeholder.channel, ts: placeholder.ts });
      placeholder = undefined;
    }
    if (isSharedChannel(origin.channel)) await client.chat.postEphemeral({ channel: origin.channel!, user: origin.user, ...thread, ...message });
    else await client.chat.postMessage({ channel: origin.channel ?? origin.user, ...thread, ...message });
  }
}
