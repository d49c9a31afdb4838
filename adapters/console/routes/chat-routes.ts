import { z } from 'zod';
import type { ChatEvent } from '../../../src/chat/chat-event.ts';
import type { ChatDeps } from '../../../src/chat/chat-handlers.ts';
import type { ChatReply } from '../../../src/chat/chat-reply.ts';
import { routeEvent } from '../../../src/chat/route-event.ts';
import { formSchema } from '../card-schema.ts';
import { formToHtml } from '../card-to-html.ts';
import type { ConsoleContext, Viewer } from '../console-context.ts';
import { consoleConversationId, recordExchange, type HistoryBody } from '../conversation-history.ts';
import { layout, messagePage } from '../layout.ts';
import { consoleAccess } from '../console-access.ts';
import { redirect, safeBack, sendHtml } from '../respond.ts';

const valueSchema = z.record(z.string(), z.string());

/** The router's dependencies, as every channel gives them. */
export function chatDeps(ctx: ConsoleContext): ChatDeps {
  const { deps } = ctx;
  return {
    db: deps.db,
    answerer: deps.answerer,
    ...(deps.semantic ? { semantic: deps.semantic } : {}),
    now: deps.now,
    ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
    ...(deps.comms ? { comms: deps.comms } : {}),
    onWarning: (message, error) => deps.logger.warn(message, { error: (error as Error).message }),
  };
}

/** The console is a personal chat with the bot: one conversation per person, seen by nobody else. */
const origin = (viewer: Viewer) => ({
  tenant: viewer.tenant,
  personId: viewer.person.id,
  conversation: { id: consoleConversationId(viewer.tenant, viewer.person.id), shared: false },
});

function parseJson<T>(schema: z.ZodType<T>, text: string | null): T | undefined {
  if (!text) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Routes one event, keeps the exchange in the person's history, and returns
 * to the page it came from; a page other than the playground is told which
 * replies to show (`?shown=`), so a reviewer sees what Approve did.
 */
async function run(ctx: ConsoleContext, viewer: Viewer, event: ChatEvent, said: HistoryBody, back: string): Promise<ChatReply[]> {
  const replies = await routeEvent(chatDeps(ctx), event);
  if (replies.some((reply) => reply.kind === 'invalid')) return replies;
  const conversation = consoleConversationId(viewer.tenant, viewer.person.id);
  const shown = recordExchange(ctx.deps.db, viewer.tenant, conversation, ctx.deps.now(), said, replies);
  const target = new URL(back, 'http://console');
  if (!back.startsWith('/console/playground') && shown.length > 0) target.searchParams.set('shown', shown.join(','));
  redirect(ctx, `${target.pathname}${target.search}`);
  return replies;
}

export async function postMessage(ctx: ConsoleContext, viewer: Viewer): Promise<void> {
  const text = (ctx.form.get('text') ?? '').trim();
  const back = safeBack(ctx.form.get('back'), '/console/playground');
  if (!text) return redirect(ctx, back);
  if (text.length > 4000) return sendHtml(ctx, 400, messagePage(ctx, 'Too long', 'A question can be at most 4,000 characters.', { link: { href: back, label: 'Back' } }));
  await run(ctx, viewer, { kind: 'message', ...origin(viewer), text }, { kind: 'text', text }, back);
}

export async function postAction(ctx: ConsoleContext, viewer: Viewer): Promise<void> {
  const back = safeBack(ctx.form.get('back'), '/console/playground');
  const action = ctx.form.get('action') ?? '';
  const value = parseJson(valueSchema, ctx.form.get('value'));
  if (!action || !value) return sendHtml(ctx, 400, messagePage(ctx, 'That button did not work', 'The button sent no action or a malformed value; reload the page and try again.', { link: { href: back, label: 'Back' } }));
  const label = ctx.form.get('label') ?? action;
  await run(ctx, viewer, { kind: 'action', ...origin(viewer), action, value }, { kind: 'text', text: `Pressed “${label}”` }, back);
}

/** A submitted form; when the router refuses it by field, the form is shown again with the message and what was typed. */
export async function postForm(ctx: ConsoleContext, viewer: Viewer): Promise<void> {
  const back = safeBack(ctx.form.get('back'), '/console/playground');
  const form = parseJson(formSchema, ctx.form.get('spec'));
  if (!form) return sendHtml(ctx, 400, messagePage(ctx, 'That form did not work', 'The form arrived malformed; reload the page and try again.', { link: { href: back, label: 'Back' } }));
  const fields: Record<string, string> = {};
  for (const [name, value] of ctx.form) if (name.startsWith('field.')) fields[name.slice('field.'.length)] = value;
  const replies = await run(ctx, viewer, { kind: 'form', ...origin(viewer), form: form.id, value: form.value, fields }, { kind: 'text', text: `Sent “${form.title}”` }, back);
  const invalid = replies.find((reply) => reply.kind === 'invalid');
  if (!invalid) return;
  const error = { ...(invalid.field ? { field: invalid.field } : {}), message: invalid.message };
  sendHtml(
    ctx,
    422,
    layout(ctx, {
      title: form.title,
      access: consoleAccess(ctx.deps.db, viewer),
      body: formToHtml(form, { csrf: ctx.csrf, back, idPrefix: 'retry' }, { values: fields, error }),
    }),
  );
}
