import type { AskDeps } from '../answers/answer-question.ts';
import type { CommsDeps } from '../comms/comms-deps.ts';
import type { ActionEvent, FormEvent, MessageEvent } from './chat-event.ts';
import type { ChatReply } from './chat-reply.ts';

export type ChatDeps = AskDeps & {
  now: () => Date;
  /**
   * Called after the router committed outbox events (a request opened, a
   * decision made), so the adapters' notifiers deliver them now rather than at
   * their next poll. Failing to call it only delays a notice.
   */
  afterCommit?: () => void;
  /** Announcement drafting: the drafter (template without it) and each platform's channel members, for publishing. */
  comms?: Pick<CommsDeps, 'drafter' | 'membersOf'>;
};

/** A kind of message the bot understands ("what changed in…", "draft an announcement…"); the question intent takes the rest. */
export type MessageIntent = {
  name: string;
  matches: (text: string) => boolean;
  handle: (deps: ChatDeps, event: MessageEvent) => Promise<ChatReply[]>;
};

/** What a button with this action id does. */
export type ActionHandler = { action: string; handle: (deps: ChatDeps, event: ActionEvent) => Promise<ChatReply[]> };

/** What submitting a form with this id does. */
export type FormHandler = { form: string; handle: (deps: ChatDeps, event: FormEvent) => Promise<ChatReply[]> };
