import type { Citation } from '../../src/answers/ask-result.ts';
import type { Card, CardAction, CardElement, Form, FormField } from '../../src/chat/card.ts';

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  msteams?: Record<string, unknown>;
};

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/** A message that is an Adaptive Card alone (a form, an action's outcome). */
export const adaptiveCardMessage = (card: AdaptiveCard) => ({ type: 'message', attachments: [{ contentType: adaptiveCardContentType, content: card }] });

/**
 * Where a form's own data travels inside its submit action: next to the
 * inputs, which Teams merges into `data` at the top level. Its presence is
 * what tells a form submission from a button press (both use the form or
 * action id as the verb, and `exception.deny` is both).
 */
export const formDataKey = 'policyDeskForm';

/** What a submit carries about its form: the id, the card's value, and the key of the kept form (to redraw it with an error). */
export type FormData = { id: string; value: Record<string, string>; key?: string };

/** Keeps a form on the server (the chat core's form store) and gives the key a card carries instead of the form. */
export type KeepForm = (form: Form) => string;

/** Where a button's kept form rides in its data, as in Slack's button values. */
export const formKeyField = '_form';

/** A citation as a person reads it: policy, version, variant, section, effective date. */
export function citationLabel(citation: Citation): string {
  return `${citation.title}, version ${citation.version}${citation.jurisdiction ? ` (${citation.jurisdiction})` : ''}, "${citation.section}"`;
}

function element(item: CardElement): Record<string, unknown>[] {
  switch (item.type) {
    case 'text':
      return [{ type: 'TextBlock', text: item.text, wrap: true }];
    case 'quote':
      return [{ type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: item.text, wrap: true, isSubtle: true }] }];
    case 'facts':
      return [{ type: 'FactSet', facts: item.facts.map((fact) => ({ title: fact.label, value: fact.value })) }];
    case 'note':
      return [{ type: 'TextBlock', text: item.text, wrap: true, size: 'Small', isSubtle: true }];
    case 'sources':
      return [
        { type: 'TextBlock', text: 'Sources', weight: 'Bolder', size: 'Small', spacing: 'Medium' },
        ...item.citations.slice(0, 10).map((citation, index) => ({
          type: 'TextBlock',
          text: `[${index + 1}] ${citationLabel(citation)} · effective ${citation.effective}`,
          wrap: true,
          size: 'Small',
          spacing: 'None',
        })),
      ];
  }
}

/**
 * A button: Action.Execute (Universal Actions) whose verb is the action id
 * and whose data is its value, plus the key of its form when it opens one.
 */
function action(item: CardAction, keepForm: KeepForm | undefined): Record<string, unknown> {
  return {
    type: 'Action.Execute',
    title: item.label,
    verb: item.id,
    data: item.form && keepForm ? { ...item.value, [formKeyField]: keepForm(item.form) } : item.value,
    ...(item.style === 'primary' ? { style: 'positive' } : item.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function card(body: Record<string, unknown>[], actions: Record<string, unknown>[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * A platform-neutral card as an Adaptive Card 1.5: title, text, quotes,
 * facts, notes, numbered sources, and its buttons as Action.Execute. A
 * decided card has no buttons, so it shows the outcome and nothing to press.
 * `withoutText` leaves the text out (it travels as the message text, where
 * Teams can attach citations to it).
 */
export function cardToAdaptiveCard(input: Card, options: { withoutText?: boolean; keepForm?: KeepForm } = {}): AdaptiveCard {
  const body: Record<string, unknown>[] = [];
  if (input.title) body.push({ type: 'TextBlock', text: input.title, weight: 'Bolder', size: 'Medium', wrap: true });
  for (const item of input.body) {
    if (options.withoutText && item.type === 'text') continue;
    body.push(...element(item));
  }
  return card(body, input.actions.map((item) => action(item, options.keepForm)));
}

function input(field: FormField, value: string | undefined): Record<string, unknown> {
  const common = { id: field.id, label: field.label, isRequired: field.required ?? false, ...(field.required ? { errorMessage: `${field.label} is required.` } : {}) };
  const initial = value ?? field.initial;
  switch (field.kind) {
    case 'number':
      return { type: 'Input.Number', ...common, ...(initial ? { value: Number(initial) } : {}), ...(field.hint ? { placeholder: field.hint } : {}) };
    case 'date':
      return { type: 'Input.Date', ...common, ...(initial ? { value: initial } : {}) };
    case 'choice':
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: (field.choices ?? []).map((choice) => ({ title: choice.label, value: choice.value })), ...(initial ? { value: initial } : {}) };
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'textarea' ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.hint ? { placeholder: field.hint } : {}),
        ...(initial ? { value: initial } : {}),
      };
  }
}

/**
 * A form as an inline Adaptive Card: its intro, one Input per field, and an
 * Action.Execute submit whose verb is the form id; the form's value (and the
 * key of the kept form) ride in `data` under `policyDeskForm`. With `error` (a refused submission), the
 * message is shown by its field, or at the top, and what was typed is kept.
 */
export function formToAdaptiveCard(form: Form, options: { typed?: Record<string, string>; error?: { field?: string; message: string }; keepForm?: KeepForm } = {}): AdaptiveCard {
  const error = options.error;
  const fieldWithError = error?.field && form.fields.some((field) => field.id === error.field) ? error.field : undefined;
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: form.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  for (const item of form.intro) body.push(...element(item));
  if (error && !fieldWithError) body.push({ type: 'TextBlock', text: `⚠️ ${error.message}`, color: 'Attention', wrap: true });
  for (const field of form.fields) {
    body.push(input(field, options.typed?.[field.id]));
    if (field.hint && field.kind === 'textarea') body.push({ type: 'TextBlock', text: field.hint, size: 'Small', isSubtle: true, wrap: true, spacing: 'None' });
    if (fieldWithError === field.id) body.push({ type: 'TextBlock', text: `⚠️ ${error!.message}`, color: 'Attention', wrap: true, spacing: 'None' });
  }
  const data: FormData = { id: form.id, value: form.value, ...(options.keepForm ? { key: options.keepForm(form) } : {}) };
  return card(body, [{ type: 'Action.Execute', title: form.submitLabel, verb: form.id, style: 'positive', associatedInputs: 'auto', data: { [formDataKey]: data } }]);
}
