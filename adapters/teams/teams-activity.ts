import { z } from 'zod';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional(), role: z.string().optional() }).loose();

/**
 * The parts of a Bot Framework activity Policy Desk reads, checked at the
 * door: anything else is carried along untouched for botbuilder. The
 * serviceUrl is required because the token's `serviceurl` claim is checked
 * against it, and every reply goes there.
 */
export const teamsActivitySchema = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    channelId: z.string().min(1),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() }).loose(),
    text: z.string().optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    replyToId: z.string().optional(),
    entities: z.array(z.object({ type: z.string().optional() }).loose()).optional(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).loose().optional(),
        team: z.object({ id: z.string() }).loose().optional(),
        channel: z.object({ id: z.string() }).loose().optional(),
        eventType: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

/** The Entra tenant the activity comes from. */
export function entraTenantOf(activity: TeamsActivity): string | undefined {
  return (activity.conversation.tenantId ?? activity.channelData?.tenant?.id)?.toLowerCase();
}

/** personal (a chat with the bot alone), channel or groupChat. */
export function conversationKind(activity: TeamsActivity): 'personal' | 'channel' | 'groupChat' {
  const type = activity.conversation.conversationType;
  if (type === 'channel' || type === 'groupChat') return type;
  if (type === 'personal') return 'personal';
  return activity.conversation.isGroup ? 'groupChat' : 'personal';
}

/** Whether the bot is @mentioned in a message. */
export function mentionsBot(activity: TeamsActivity): boolean {
  return (activity.entities ?? []).some((entity) => entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient.id);
}

/** The text addressed to the bot: mentions of the bot removed, Teams' HTML tags and entities flattened. */
export function messageText(activity: TeamsActivity): string {
  return (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The conversation a channel activity's thread belongs to, without the message id: where new posts in that channel go. */
export function bareConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0]!;
}
