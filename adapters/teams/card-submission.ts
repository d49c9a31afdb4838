import { z } from 'zod';
import { formDataKey, formKeyField, type FormData } from './card-to-adaptive-card.ts';

/** A card button press or form submission, as the router takes it. */
export type Submission =
  | { kind: 'action'; action: string; value: Record<string, string>; formKey?: string }
  | { kind: 'form'; form: string; value: Record<string, string>; fields: Record<string, string>; formData: FormData };

const stringMap = z.record(z.string(), z.unknown()).transform((record) =>
  Object.fromEntries(Object.entries(record).flatMap(([key, value]) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [[key, String(value)]] : []))),
);

const formDataSchema = z.object({ id: z.string().min(1), value: z.record(z.string(), z.string()), key: z.string().optional() });

/** `adaptiveCard/action` invoke value (Universal Actions): the Action.Execute pressed, its verb and data (with the inputs merged in). */
const invokeValue = z.object({ action: z.object({ type: z.string(), verb: z.string().min(1), data: z.record(z.string(), z.unknown()).optional() }).loose(), trigger: z.string().optional() }).loose();

function fromData(verb: string, data: Record<string, unknown>): Submission | undefined {
  const form = data[formDataKey] === undefined ? undefined : formDataSchema.safeParse(data[formDataKey]);
  if (form?.success) {
    const { [formDataKey]: _form, ...inputs } = data;
    return { kind: 'form', form: form.data.id, value: form.data.value, fields: stringMap.parse(inputs), formData: form.data as FormData };
  }
  if (form && !form.success) return undefined;
  const { [formKeyField]: formKey, ...value } = stringMap.parse(data);
  return { kind: 'action', action: verb, value, ...(formKey ? { formKey } : {}) };
}

/**
 * What a pressed Action.Execute asks for: a button (verb = action id, data =
 * its value) or a form submission (verb = form id, the form's data under
 * `policyDeskForm`, the inputs beside it). Undefined for anything else. The
 * values are only hints: every handler re-reads what they name.
 */
export function submissionFromInvoke(value: unknown): Submission | undefined {
  const parsed = invokeValue.safeParse(value);
  if (!parsed.success || parsed.data.action.type !== 'Action.Execute') return undefined;
  return fromData(parsed.data.action.verb, parsed.data.action.data ?? {});
}

/** The same from an Action.Submit (a message whose value is the data, for clients without Universal Actions): the verb travels in the data. */
export function submissionFromMessageValue(value: unknown): Submission | undefined {
  const parsed = z.record(z.string(), z.unknown()).safeParse(value);
  if (!parsed.success) return undefined;
  const { verb, ...data } = parsed.data;
  const form = formDataSchema.safeParse(data[formDataKey]);
  if (form.success) return fromData(form.data.id, data);
  return typeof verb === 'string' && verb ? fromData(verb, data) : undefined;
}
