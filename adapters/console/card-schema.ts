import { z } from 'zod';
import type { Card, CardElement, Form } from '../../src/chat/card.ts';

/**
 * Cards and forms read back from the browser (a form's own description,
 * carried to re-show it with an error) or from the history table: checked
 * before anything is rendered from them.
 */
const citationSchema = z.object({
  policyId: z.string(),
  version: z.string(),
  title: z.string(),
  section: z.string(),
  quote: z.string(),
  effective: z.string(),
  jurisdiction: z.string().optional(),
});

export const cardElementSchema: z.ZodType<CardElement> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('facts'), facts: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ type: z.literal('quote'), text: z.string() }),
  z.object({ type: z.literal('sources'), citations: z.array(citationSchema) }),
  z.object({ type: z.literal('note'), text: z.string() }),
]);

const fieldSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'textarea', 'number', 'date', 'choice']),
  required: z.boolean().optional(),
  initial: z.string().optional(),
  hint: z.string().optional(),
  maxLength: z.number().optional(),
  choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

export const formSchema: z.ZodType<Form> = z.object({
  id: z.string(),
  title: z.string(),
  intro: z.array(cardElementSchema),
  fields: z.array(fieldSchema),
  submitLabel: z.string(),
  value: z.record(z.string(), z.string()),
});

export const cardSchema: z.ZodType<Card> = z.object({
  key: z.string().optional(),
  title: z.string().optional(),
  body: z.array(cardElementSchema),
  actions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      style: z.enum(['primary', 'danger']).optional(),
      value: z.record(z.string(), z.string()),
      form: formSchema.optional(),
    }),
  ),
  summary: z.string(),
  generated: z.boolean().optional(),
});
