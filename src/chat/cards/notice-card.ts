import type { ChatReply } from '../chat-reply.ts';

/** A short private reply: why the bot will not do something, or what it did. */
export function noticeCard(text: string, to: 'asker' | 'conversation' = 'asker'): ChatReply {
  return { kind: 'card', card: { body: [{ type: 'text', text }], actions: [], summary: text }, to };
}
