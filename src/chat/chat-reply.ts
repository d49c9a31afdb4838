import type { Card, Form } from './card.ts';

/**
 * What the router answers an event with; each adapter delivers it its own way.
 * - `card` to the conversation (everyone there reads it) or to the asker only
 *   (ephemeral in Slack, personal chat in Teams); `replace` swaps the card the
 *   action was pressed on. `echoed`: the asker is told the same in their
 *   private chat with the bot by the notifier (the requester's thread), so a
 *   platform that would post this reply in that chat as a separate message
 *   leaves it out rather than say it twice.
 * - `form`: open this form for the person (a modal, an inline card).
 * - `invalid`: a submitted form is refused; show the message by the field
 *   (or at the top without one) and keep what the person typed.
 */
export type ChatReply =
  | { kind: 'card'; card: Card; to: 'conversation' | 'asker'; replace?: boolean; echoed?: boolean }
  | { kind: 'form'; form: Form }
  | { kind: 'invalid'; field?: string; message: string };
