import { z } from 'zod';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { bareConversationId, conversationKind, type TeamsActivity } from './teams-activity.ts';

/** What Policy Desk needs to post into a conversation later: Bot Framework's conversation reference. */
export type ConversationReference = {
  channelId: string;
  serviceUrl: string;
  bot: { id: string; name?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  user?: { id: string; name?: string; aadObjectId?: string };
};

const referenceSchema = z.object({
  channelId: z.string(),
  serviceUrl: z.string(),
  bot: z.object({ id: z.string(), name: z.string().optional() }),
  conversation: z.object({ id: z.string(), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() }),
  user: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
});

const parse = (row: { reference: string } | undefined) => (row ? (referenceSchema.parse(JSON.parse(row.reference)) as ConversationReference) : undefined);

/** Stores a reference (a personal chat Policy Desk opened, say) under its conversation id. */
export function rememberConversation(db: Db, tenant: string, kind: string, channel: string | undefined, person: string | undefined, reference: ConversationReference, now: Date): void {
  statement(
    db,
    `INSERT INTO teams_conversations (tenant, conversation_id, kind, channel, person, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant, conversation_id) DO UPDATE SET kind = excluded.kind, channel = coalesce(excluded.channel, channel),
       person = coalesce(excluded.person, person), reference = excluded.reference, updated_at = excluded.updated_at`,
  ).run(tenant, reference.conversation.id, kind, channel ?? null, person ?? null, JSON.stringify(reference), now.toISOString());
}

/**
 * Remembers where an activity came from, so Policy Desk can post there
 * later without being asked: a person's personal chat (by their Entra
 * object id), a team channel (by its channel id, and the team's General
 * channel by the team id), a group chat. Called for every authenticated
 * activity, installation and membership events included.
 */
export function saveConversationReference(db: Db, tenant: string, activity: TeamsActivity, now: Date): void {
  const kind = conversationKind(activity);
  const base = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
  };
  const conversation = { ...activity.conversation, id: bareConversationId(activity.conversation.id) };
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  const scoped = { id: conversation.id, ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}), ...(tenantId ? { tenantId } : {}), ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}) };
  if (kind === 'personal') {
    const user = { id: activity.from.id, ...(activity.from.name ? { name: activity.from.name } : {}), ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}) };
    // In a personal chat the user is the one who is not the bot (membership events come "from" either side).
    if (activity.from.id !== activity.recipient.id) rememberConversation(db, tenant, kind, undefined, activity.from.aadObjectId?.toLowerCase(), { ...base, conversation: scoped, user }, now);
    return;
  }
  if (kind === 'channel') {
    const channel = activity.channelData?.channel?.id ?? conversation.id;
    rememberConversation(db, tenant, kind, channel, undefined, { ...base, conversation: { ...scoped, id: channel } }, now);
    const team = activity.channelData?.team?.id;
    // A team's General channel has the team's id: installing the app in a team makes it reachable.
    if (team && team !== channel) rememberConversation(db, tenant, kind, team, undefined, { ...base, conversation: { ...scoped, id: team, conversationType: 'channel' } }, now);
    return;
  }
  rememberConversation(db, tenant, kind, undefined, undefined, { ...base, conversation: scoped }, now);
}

/** The tenant's most recent reference: its service URL, bot and Entra tenant, to open a conversation from. */
export function latestReference(db: Db, tenant: string): ConversationReference | undefined {
  return parse(statement<[string], { reference: string }>(db, 'SELECT reference FROM teams_conversations WHERE tenant = ? ORDER BY updated_at DESC LIMIT 1').get(tenant));
}

/** The personal chat with a person (by Entra object id), if they ever talked to the bot or installed it. */
export function personalReference(db: Db, tenant: string, aadObjectId: string): ConversationReference | undefined {
  return parse(
    statement<[string, string], { reference: string }>(db, "SELECT reference FROM teams_conversations WHERE tenant = ? AND kind = 'personal' AND person = ? ORDER BY updated_at DESC LIMIT 1").get(
      tenant,
      aadObjectId.toLowerCase(),
    ),
  );
}

/** A conversation by its id. */
export function conversationReference(db: Db, tenant: string, conversationId: string): ConversationReference | undefined {
  return parse(statement<[string, string], { reference: string }>(db, 'SELECT reference FROM teams_conversations WHERE tenant = ? AND conversation_id = ?').get(tenant, bareConversationId(conversationId)));
}

/**
 * Where to post in a team channel: its stored reference, or, for a channel
 * the bot has not heard from yet, one built from the tenant's latest
 * reference (the same service URL, bot and Entra tenant serve every channel
 * of the organisation). Undefined when the tenant never talked to the bot.
 */
export function channelReference(db: Db, tenant: string, channelId: string): ConversationReference | undefined {
  const stored = parse(statement<[string, string], { reference: string }>(db, "SELECT reference FROM teams_conversations WHERE tenant = ? AND kind = 'channel' AND channel = ? ORDER BY updated_at DESC LIMIT 1").get(tenant, channelId));
  if (stored) return stored;
  const any = latestReference(db, tenant);
  if (!any) return undefined;
  const { user: _user, ...rest } = any;
  return { ...rest, conversation: { id: channelId, conversationType: 'channel', isGroup: true, ...(any.conversation.tenantId ? { tenantId: any.conversation.tenantId } : {}) } };
}
