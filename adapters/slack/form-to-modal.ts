import type { ViewSubmitAction } from '@slack/bolt';
import type { Form, FormField } from '../../src/chat/card.ts';
import { cardToBlockKit } from './card-to-block-kit.ts';

type Block = Record<string, unknown>;
const plain = (text: string, max = 150) => ({ type: 'plain_text', text: text.length <= max ? text : `${text.slice(0, max - 1)}…`, emoji: true });

/** What a modal carries back on submission: the form's value and where it was opened from. */
export type ModalMetadata = { value: Record<string, string>; channel?: string; thread?: string };

function inputElement(field: FormField): Block {
  switch (field.kind) {
    case 'textarea':
      return { type: 'plain_text_input', multiline: true, ...(field.initial ? { initial_value: field.initial } : {}) };
    case 'number':
      return { type: 'number_input', is_decimal_allowed: true, min_value: '0', ...(field.initial ? { initial_value: field.initial } : {}) };
    case 'date':
      return { type: 'datepicker', ...(field.initial ? { initial_date: field.initial } : {}) };
    case 'choice':
      return {
        type: 'static_select',
        options: (field.choices ?? []).map((choice) => ({ text: plain(choice.label, 75), value: choice.value })),
        ...(field.initial ? { initial_option: { text: plain(field.choices?.find((c) => c.value === field.initial)?.label ?? field.initial, 75), value: field.initial } } : {}),
      };
    case 'text':
      return { type: 'plain_text_input', ...(field.maxLength ? { max_length: field.maxLength } : {}), ...(field.hint ? { placeholder: plain(field.hint) } : {}), ...(field.initial ? { initial_value: field.initial } : {}) };
  }
}

/**
 * A core form as a Slack modal: its id is the callback id, each field an
 * input block named after the field (so a refusal can point at it), and the
 * form's value with the originating channel in the private metadata (at most
 * 3,000 characters; handlers re-check all of it on the server).
 */
export function formToModal(form: Form, origin: { channel?: string; thread?: string } = {}): Block {
  const metadata: ModalMetadata = { value: form.value, ...origin };
  const { blocks: intro } = cardToBlockKit({ body: form.intro, actions: [], summary: form.title });
  return {
    type: 'modal',
    callback_id: form.id,
    private_metadata: JSON.stringify(metadata),
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain('Cancel', 24),
    blocks: [
      ...intro,
      ...form.fields.map((field) => ({
        type: 'input',
        block_id: field.id,
        optional: !field.required,
        label: plain(field.label, 2000),
        element: { action_id: 'value', ...inputElement(field) },
        ...(field.hint && field.kind !== 'text' ? { hint: plain(field.hint, 2000) } : {}),
      })),
    ],
  };
}

/** The fields of a submitted modal, whatever their element type; empty inputs are left out. */
export function modalFields(view: ViewSubmitAction['view']): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [block, elements] of Object.entries(view.state.values)) {
    const element = (elements.value ?? Object.values(elements)[0]) as { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null } | undefined;
    const value = element?.value ?? element?.selected_date ?? element?.selected_option?.value ?? undefined;
    if (value !== null && value !== undefined && value.trim() !== '') fields[block] = value.trim();
  }
  return fields;
}
