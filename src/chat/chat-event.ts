import type { Form } from './card.ts';

/** A policy version, as cards and visibility checks name it (with its jurisdiction variant, if any). */
export type VersionRef = { policyId: string; version: string; jurisdiction?: string };

/**
 * Where an event happened, as the router needs to know it. The id is opaque
 * and platform-prefixed ("slack:C123:1700.1", "teams:19:abc@thread.tacv2",
 * "console:alice"); only the adapter that made it parses it.
 */
export type Conversation = {
  id: string;
  /** Others read it (a channel or a group chat); false for a personal chat with the bot. */
  shared: boolean;
  /**
   * For a shared conversation: whether every member may see all of these
   * versions. Without it, a shared conversation is never shown policy text.
   */
  everyMemberMaySee?: (versions: VersionRef[]) => Promise<boolean>;
};

/** Who did it: a directory person of a tenant, resolved by the adapter from its platform identity. */
type Origin = { tenant: string; personId: string; conversation: Conversation };

/**
 * One normalized event: every adapter (Slack, Teams, the console) turns its
 * platform payloads into this before the router sees them.
 * - `message`: text addressed to the bot (mention removed, thread context added);
 * - `action`: a button on a card, with the value the card gave it (and its form, if any);
 * - `form`: a submitted form, with the card's value and the person's fields;
 * - `unsupported`: anything else, kept for the log.
 */
export type ChatEvent =
  | (Origin & { kind: 'message'; text: string })
  | (Origin & {
      kind: 'action';
      action: string;
      value: Record<string, string>;
      /** The form the card attached to the button, as the adapter kept it; opened when no handler claims the action. */
      form?: Form;
    })
  | (Origin & { kind: 'form'; form: string; value: Record<string, string>; fields: Record<string, string> })
  | { kind: 'unsupported'; raw: unknown };

export type MessageEvent = Extract<ChatEvent, { kind: 'message' }>;
export type ActionEvent = Extract<ChatEvent, { kind: 'action' }>;
export type FormEvent = Extract<ChatEvent, { kind: 'form' }>;
