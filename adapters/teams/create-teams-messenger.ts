import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { channelReference, latestReference, personalReference, rememberConversation, type ConversationReference } from './conversation-references.ts';
import type { TeamsCloudAdapter } from './teams-cloud-adapter.ts';

/** The Bot Connector's audience for outbound calls in the public cloud. */
const connectorAudience = 'https://api.botframework.com';

type Message = Record<string, unknown>;

/**
 * Posting without being asked: into a stored conversation (a reviewer
 * group's channel, a person's personal chat, a card's thread), updating a
 * posted card in place, and opening a personal chat with someone who never
 * wrote to the bot. Every call goes through the connector's retry policy.
 */
export function createTeamsMessenger(deps: { adapter: TeamsCloudAdapter; appId: string; db: Db; logger: Logger; now: () => Date }) {
  const { adapter, appId, db } = deps;

  /** Runs `logic` with a turn context for the conversation a reference names. */
  async function within<T>(reference: ConversationReference, logic: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await adapter.continueConversationAsync(appId, reference as never, async (context) => {
      result = await logic(context);
    });
    return result as T;
  }

  async function post(reference: ConversationReference, message: Message): Promise<string | undefined> {
    return within(reference, async (context) => (await context.sendActivity(message))?.id);
  }

  /** Replaces a posted message (a card) for everyone who sees it. */
  async function update(reference: ConversationReference, activityId: string, message: Message): Promise<void> {
    await within(reference, async (context) => {
      await context.updateActivity({ ...message, id: activityId });
    });
  }

  /** A reply in the thread under a channel post. */
  async function replyInThread(reference: ConversationReference, activityId: string, message: Message): Promise<string | undefined> {
    return post({ ...reference, conversation: { ...reference.conversation, id: `${reference.conversation.id};messageid=${activityId}` } }, message);
  }

  /**
   * Sends to a person's personal chat: the stored one, or one opened now
   * (the app must be installed for them; Teams refuses otherwise, and the
   * caller hears of it). Undefined when the tenant never talked to the bot.
   */
  async function toPerson(tenant: string, person: { aadObjectId: string; userId?: string }, message: Message): Promise<string | undefined> {
    const stored = personalReference(db, tenant, person.aadObjectId);
    if (stored) return post(stored, message);
    const any = latestReference(db, tenant);
    if (!any) return undefined;
    const tenantId = any.conversation.tenantId;
    let sent: string | undefined;
    await adapter.createConversationAsync(
      appId,
      any.channelId,
      any.serviceUrl,
      connectorAudience,
      {
        isGroup: false,
        bot: any.bot,
        members: [{ id: person.userId ?? person.aadObjectId }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as never,
      async (context) => {
        const conversation = { id: context.activity.conversation.id, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) };
        rememberConversation(db, tenant, 'personal', undefined, person.aadObjectId.toLowerCase(), { channelId: any.channelId, serviceUrl: any.serviceUrl, bot: any.bot, conversation, user: { id: person.userId ?? person.aadObjectId, aadObjectId: person.aadObjectId } }, deps.now());
        sent = (await context.sendActivity(message))?.id;
      },
    );
    return sent;
  }

  /** Posts in a team channel (a new post); its activity id, to update it later. Undefined when the tenant never talked to the bot. */
  async function toChannel(tenant: string, channelId: string, message: Message): Promise<{ reference: ConversationReference; activityId: string | undefined } | undefined> {
    const reference = channelReference(db, tenant, channelId);
    if (!reference) return undefined;
    return { reference, activityId: await post(reference, message) };
  }

  return { within, post, update, replyInThread, toPerson, toChannel };
}

export type TeamsMessenger = ReturnType<typeof createTeamsMessenger>;
