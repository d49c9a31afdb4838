import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { Form } from './card.ts';

const formSchema = z.object({
  id: z.string(),
  title: z.string(),
  intro: z.array(z.object({ type: z.string() }).passthrough()),
  fields: z.array(z.object({ id: z.string(), label: z.string(), kind: z.enum(['text', 'textarea', 'number', 'date', 'choice']) }).passthrough()),
  submitLabel: z.string(),
  value: z.record(z.string(), z.string()),
});

/**
 * Keeps a form a button opens and returns the key the button carries instead
 * of the form itself (a Slack button value holds 2,000 characters; an edit
 * form holds a whole draft). The same form is kept once.
 */
export function keepForm(db: Db, tenant: string, form: Form, now = new Date()): string {
  const json = JSON.stringify(form);
  const key = createHash('sha256').update(tenant).update('\0').update(json).digest('base64url').slice(0, 22);
  statement(db, 'INSERT OR IGNORE INTO chat_forms (form_key, tenant, form, created_at) VALUES (?, ?, ?, ?)').run(key, tenant, json, now.toISOString());
  return key;
}

/** The form a button's key names, for its tenant only; undefined for an unknown or foreign key. */
export function recallForm(db: Db, tenant: string, key: string): Form | undefined {
  const row = statement<[string, string], { form: string }>(db, 'SELECT form FROM chat_forms WHERE form_key = ? AND tenant = ?').get(key, tenant);
  return row ? (formSchema.parse(JSON.parse(row.form)) as Form) : undefined;
}
