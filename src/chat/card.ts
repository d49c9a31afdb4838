import type { Citation } from '../answers/ask-result.ts';

/**
 * What a card shows, platform-neutral. Text is plain; `**bold**` is the one
 * markup every renderer maps (Block Kit mrkdwn, Adaptive Card markdown, HTML).
 */
export type CardElement =
  | { type: 'text'; text: string }
  | { type: 'facts'; facts: { label: string; value: string }[] }
  | { type: 'quote'; text: string }
  | { type: 'sources'; citations: Citation[] }
  /** Small print under the content: notes, outcomes, timestamps. */
  | { type: 'note'; text: string };

export type FormField = {
  id: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'choice';
  required?: boolean;
  initial?: string;
  hint?: string;
  maxLength?: number;
  choices?: { value: string; label: string }[];
};

/** A form the person fills in: a modal in Slack, an inline Adaptive Card form in Teams, an HTML form in the console. */
export type Form = {
  id: string;
  title: string;
  intro: CardElement[];
  fields: FormField[];
  submitLabel: string;
  /** Carried back unchanged with the submission (never trusted: handlers re-check it on the server). */
  value: Record<string, string>;
};

/** A button. With a form, pressing it opens the form and the submission is the event; without, the press is. */
export type CardAction = {
  id: string;
  label: string;
  style?: 'primary' | 'danger';
  value: Record<string, string>;
  form?: Form;
};

export type Card = {
  /** What the card is about ("exception:42"), so a later state of it replaces the earlier one. */
  key?: string;
  title?: string;
  body: CardElement[];
  actions: CardAction[];
  /** One line for notifications and screen readers. */
  summary: string;
  /** Content written by a model (Teams labels it AI-generated). */
  generated?: boolean;
};
