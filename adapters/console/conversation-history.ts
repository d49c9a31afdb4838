import { z } from 'zod';
import type { Card, Form } from '../../src/chat/card.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { cardSchema, formSchema } from './card-schema.ts';

/** One line of a playground conversation: what the person did, or what the bot answered. */
export type HistoryBody = { kind: 'text'; text: string } | { kind: 'card'; card: Card; to: 'conversation' | 'asker' } | { kind: 'form'; form: Form };
export type HistoryEntry = { id: number; at: string; author: 'person' | 'bot'; body: HistoryBody };

// A row read back is a trust boundary: check the shape the renderer relies on.
const bodySchema: z.ZodType<HistoryBody> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('card'), to: z.enum(['conversation', 'asker']), card: cardSchema }),
  z.object({ kind: z.literal('form'), form: formSchema }),
]);
const rowSchema = z.object({ id: z.number(), at: z.string(), author: z.enum(['person', 'bot']), body: z.string() });

/** The console's conversation id for a person: personal, one per tenant and person. */
export const consoleConversationId = (tenant: string, personId: string) => `console:${tenant}:${personId}`;

/**
 * Records what the person did and the bot's replies, in one transaction. A
 * card whose key is already in the conversation replaces that card in place
 * (its later state); everything else is appended. Returns the ids of the
 * bot's entries written or replaced, so a page can show what a button did.
 */
export function recordExchange(db: Db, tenant: string, conversation: string, at: Date, said: HistoryBody | undefined, replies: ChatReply[]): number[] {
  return db.transaction(() => {
    const insert = statement(db, 'INSERT INTO console_messages (tenant, conversation, at, author, card_key, body) VALUES (?, ?, ?, ?, ?, ?)');
    const touched: number[] = [];
    const append = (author: 'person' | 'bot', body: HistoryBody, key: string | null) => {
      const id = Number(insert.run(tenant, conversation, at.toISOString(), author, key, JSON.stringify(body)).lastInsertRowid);
      if (author === 'bot') touched.push(id);
    };
    if (said) append('person', said, null);
    for (const reply of replies) {
      // A refused form is shown again on the spot with its message, not kept.
      if (reply.kind === 'invalid') continue;
      if (reply.kind === 'form') {
        append('bot', { kind: 'form', form: reply.form }, null);
        continue;
      }
      const body: HistoryBody = { kind: 'card', card: reply.card, to: reply.to };
      const key = reply.card.key ?? null;
      const earlier = key ? statement<[string, string, string], { id: number }>(db, 'SELECT id FROM console_messages WHERE tenant = ? AND conversation = ? AND card_key = ? ORDER BY id DESC LIMIT 1').get(tenant, conversation, key) : undefined;
      if (earlier) {
        statement(db, 'UPDATE console_messages SET body = ?, at = ? WHERE id = ?').run(JSON.stringify(body), at.toISOString(), earlier.id);
        touched.push(earlier.id);
      } else {
        append('bot', body, key);
      }
    }
    return touched;
  })();
}

/** Some entries of one conversation by id (ids of another conversation are simply not found). */
export function readHistoryEntries(db: Db, tenant: string, conversation: string, ids: number[]): HistoryEntry[] {
  if (ids.length === 0) return [];
  return statement(db, 'SELECT id, at, author, body FROM console_messages WHERE tenant = ? AND conversation = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(tenant, conversation, JSON.stringify(ids))
    .map(toEntry);
}

/** A card kept by a newer or older version (an element this one does not know) must not break the page. */
const unreadable: HistoryBody = { kind: 'text', text: '(a message this version of the console cannot show)' };

function toEntry(raw: unknown): HistoryEntry {
  const row = rowSchema.parse(raw);
  let body: HistoryBody = unreadable;
  try {
    body = bodySchema.safeParse(JSON.parse(row.body)).data ?? unreadable;
  } catch {
    // Not JSON: shown as unreadable too.
  }
  return { id: row.id, at: row.at, author: row.author, body };
}

/** The latest entries of a conversation, oldest first (or only those after `afterId`). */
export function readHistory(db: Db, tenant: string, conversation: string, options: { limit?: number; afterId?: number } = {}): HistoryEntry[] {
  const rows = statement(
    db,
    `SELECT id, at, author, body FROM console_messages
      WHERE tenant = ? AND conversation = ? AND id > ?
      ORDER BY id DESC LIMIT ?`,
  ).all(tenant, conversation, options.afterId ?? 0, options.limit ?? 100);
  return rows.map(toEntry).reverse();
}
