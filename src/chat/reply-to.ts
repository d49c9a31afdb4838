import type { ChatEvent, VersionRef } from './chat-event.ts';

/**
 * Where a reply that shows these policy versions may go: the conversation
 * when it is private to the asker or every member may see them all;
 * otherwise the asker alone. Restricted text is never posted where others
 * can read it.
 */
export async function replyTo(event: Extract<ChatEvent, { conversation: unknown }>, versions: VersionRef[]): Promise<'conversation' | 'asker'> {
  if (!event.conversation.shared || versions.length === 0) return 'conversation';
  const check = event.conversation.everyMemberMaySee;
  return check && (await check(versions)) ? 'conversation' : 'asker';
}
