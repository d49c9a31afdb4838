import { TurnContext, type Activity } from 'botbuilder';
import type { AskDeps } from '../../src/answers/answer-question.ts';
import type { ChatEvent, Conversation } from '../../src/chat/chat-event.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import { settleWithin } from '../../src/chat/settle-within.ts';
import type { TeamsConfig } from '../../src/config/load-config.ts';
import type { Person } from '../../src/directory/find-person.ts';
import type { Route } from '../../src/http/create-http-server.ts';
import { keepForm, recallForm } from '../../src/chat/form-store.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { createWorkQueue } from '../../src/chat/create-work-queue.ts';
import type { SerialRunner } from '../../src/outbox/create-serial-runner.ts';
import { adaptiveCardContentType, adaptiveCardMessage, formToAdaptiveCard } from './card-to-adaptive-card.ts';
import { cardToActivity } from './card-to-activity.ts';
import { activityKey, rememberPlaceholder, shownPlaceholder } from './claim-activity.ts';
import { submissionFromInvoke, submissionFromMessageValue, type Submission } from './card-submission.ts';
import { connectorRetryPolicy, type RetryOptions } from './connector-retry-policy.ts';
import { saveConversationReference } from './conversation-references.ts';
import { createConversationPacer } from './conversation-pacer.ts';
import { TeamsAuthentication } from './create-teams-authentication.ts';
import { createTeamsMessenger, type TeamsMessenger } from './create-teams-messenger.ts';
import { createTeamsNotifier, type TeamsNotifier } from './create-teams-notifier.ts';
import { createTeamsRoute, type Processed } from './create-teams-route.ts';
import { badRequest, deliverActionReplies, deliverLateActionReplies, messageResponse, type ActionResponse } from './deliver-replies.ts';
import { createRosterAudience } from './roster-audience.ts';
import { resolveTeamsPerson } from './resolve-teams-person.ts';
import { bareConversationId, conversationKind, entraTenantOf, mentionsBot, messageText, type TeamsActivity } from './teams-activity.ts';
import { keepEntityProperties } from './keep-entity-properties.ts';
import { TeamsCloudAdapter } from './teams-cloud-adapter.ts';
import { describeTeamsFailure } from './teams-errors.ts';

export type TeamsDeps = AskDeps & {
  /** Announcement drafting through the router, as in Slack. */
  comms?: ChatDeps['comms'];
  logger: Logger;
  now?: () => Date;
  /** An answer slower than this first shows a placeholder, updated in place when the answer is ready. */
  placeholderAfterMs?: number;
  /** A card action slower than this is answered "working on it"; its outcome follows as a message. */
  actionAnswerMs?: number;
  /** Retry settings for connector calls (tests make the waits short). */
  retry?: RetryOptions;
  /** How often an activity still being processed renews its claim (tests make it short). */
  heartbeatMs?: number;
  /** How long a repeat of an invoke still being processed waits for its first response (tests make it short). */
  repeatWaitMs?: number;
};

const placeholderText = '🔎 Looking that up in the policies…';
const slowActionText = '⏳ Working on it: the result will follow here in a moment.';
/** Teams shows an error when a card action waits much longer than this for its response. */
const actionAnswerMs = 2500;
const notConnected = "This Microsoft 365 organisation isn't connected to Policy Desk. An admin can add its tenant id to TEAMS_TENANTS.";
const unknownPerson = "I can only answer people in your company's directory, and I couldn't find you there. Your HR or IT team can add you.";

/**
 * The Microsoft Teams bot: botbuilder's CloudAdapter behind `POST
 * /api/messages` on Policy Desk's HTTP server, over the shared chat core.
 * Questions in personal chat and @mentions in channels and group chats are
 * answered (with Teams citations and the AI-generated label when a model
 * wrote the answer); an answer citing what not every member of a shared
 * conversation may see goes to the asker's personal chat. Card buttons and
 * forms (Universal Actions) go through the same router as Slack's. Exception
 * events reach reviewer channels and requesters through the notifier.
 */
export function createTeamsBot(settings: TeamsConfig, deps: TeamsDeps): { route: Route; redeliveries: SerialRunner; notifier: TeamsNotifier; tellNow: () => void; adapter: TeamsCloudAdapter; messenger: TeamsMessenger } {
  const { db, logger } = deps;
  keepEntityProperties();
  const now = deps.now ?? (() => new Date());
  const policy = connectorRetryPolicy({
    pacer: createConversationPacer(),
    ...deps.retry,
    onRetry: (event) => logger.warn('teams connector call retried', { ...event }),
  });
  const auth = new TeamsAuthentication(settings, policy);
  const adapter = new TeamsCloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    logger.error('teams turn failed', { ...describeTeamsFailure(error) });
    throw error;
  };
  const messenger = createTeamsMessenger({ adapter, appId: settings.appId, db, logger, now });
  const audience = createRosterAudience(db, logger);
  // At most 8 answers at once, each started on its own turn of the event loop (see the Slack app).
  const answers = createWorkQueue(8);
  const tenants = [...new Set(Object.values(settings.tenants))];
  const notifier = createTeamsNotifier({ db, messenger, logger, tenants, now });
  /** Teams hears of exception events through the outbox, like every channel; this tells it now rather than at the next poll. */
  const tellNow = (): void => void notifier.runOnce().catch((error: unknown) => logger.warn('teams notifier failed; will retry', { ...describeTeamsFailure(error) }));
  const chatDeps: ChatDeps = { ...deps, now, afterCommit: tellNow };

  /** The Policy Desk tenant of an activity; in emulator mode an activity without a tenant belongs to the only one configured. */
  function tenantOf(activity: TeamsActivity): string | undefined {
    const entraTenant = entraTenantOf(activity);
    if (entraTenant) return settings.tenants[entraTenant];
    return settings.emulator && tenants.length === 1 ? tenants[0] : undefined;
  }

  function conversationOf(context: TurnContext, activity: TeamsActivity, tenant: string): Conversation {
    const bare = bareConversationId(activity.conversation.id);
    const id = `teams:${bare}`;
    if (conversationKind(activity) === 'personal') return { id, shared: false };
    // Who reads a channel is the channel's roster, not its team's: shared and private channels have members of their own.
    return { id, shared: true, everyMemberMaySee: (versions) => audience.everyMemberMaySee(context, tenant, bare, versions) };
  }

  /** Sends something for the asker alone: their personal chat. */
  const toAsker = (tenant: string, activity: TeamsActivity) => async (message: Record<string, unknown>) => {
    if (!activity.from.aadObjectId) throw new Error('the sender has no Entra object id; a personal chat cannot be opened');
    await messenger.toPerson(tenant, { aadObjectId: activity.from.aadObjectId, userId: activity.from.id }, message);
  };

  /** Delivers the replies to a question (in a continued turn, after the HTTP response). */
  async function deliverAnswer(context: TurnContext, replies: ChatReply[], activity: TeamsActivity, tenant: string, placeholder: string | undefined): Promise<void> {
    const shared = conversationKind(activity) !== 'personal';
    const keep = (form: Parameters<typeof keepForm>[2]) => keepForm(db, tenant, form, now());
    let slot = placeholder;
    const show = async (message: Record<string, unknown>) => {
      if (slot) await context.updateActivity({ ...message, id: slot });
      else await context.sendActivity(message);
      slot = undefined;
    };
    for (const reply of replies) {
      const message =
        reply.kind === 'card' ? cardToActivity(reply.card, keep)
        : reply.kind === 'form' ? adaptiveCardMessage(formToAdaptiveCard(reply.form, { keepForm: keep }))
        : { type: 'message', text: reply.message };
      const forEveryone = !shared || (reply.kind === 'card' && reply.to === 'conversation');
      if (forEveryone) {
        await show(message);
        continue;
      }
      // Not for everyone here: the asker gets it privately, the conversation a word that it was sent.
      await toAsker(tenant, activity)(message);
      await show({ type: 'message', text: `${activity.from.name ?? 'I'}${activity.from.name ? ', I' : ''} sent you my answer in our personal chat: it cites policies that not everyone here may see.` });
    }
  }

  /**
   * Answers a question after the HTTP response, in a continued turn: a
   * placeholder first when the answer is slow, recorded with the activity's
   * claim. An activity processed again after its process died updates the
   * placeholder that attempt showed, rather than leave it and post another.
   */
  async function answer(reference: ReturnType<typeof TurnContext.getConversationReference>, activity: TeamsActivity, tenant: string, person: Person, text: string): Promise<void> {
    const key = activityKey(activity);
    await adapter.continueConversationAsync(settings.appId, reference, async (context) => {
      const event: ChatEvent = { kind: 'message', tenant, personId: person.id, text, conversation: conversationOf(context, activity, tenant) };
      const routed = routeEvent(chatDeps, event);
      const placeholder = (key ? shownPlaceholder(db, key) : undefined) ?? (await placeholderIfSlow(context, routed, key));
      await deliverAnswer(context, await routed, activity, tenant, placeholder);
    });
  }

  /** Shows the placeholder when the answer is not ready in time, its id recorded with the activity's claim; undefined when it was ready. */
  async function placeholderIfSlow(context: TurnContext, routed: Promise<unknown>, key: string | undefined): Promise<string | undefined> {
    if (await settleWithin(routed.then(() => true, () => true), deps.placeholderAfterMs ?? 1500)) return undefined;
    const shown = (await context.sendActivity(placeholderText))?.id;
    if (shown && key) rememberPlaceholder(db, key, shown);
    return shown;
  }

  /**
   * A pressed button or submitted form, through the router: the invoke
   * response. Slow work (a model redrafting) is answered "working on it"
   * within Teams' patience, and its outcome follows as a message, in a
   * continued turn (`work`).
   */
  async function act(context: TurnContext, activity: TeamsActivity, tenant: string, submission: Submission): Promise<{ response: ActionResponse; work?: Promise<void> }> {
    const person = await resolveTeamsPerson(db, context, tenant, now());
    if (!person) return { response: messageResponse(unknownPerson) };
    const conversation = conversationOf(context, activity, tenant);
    // A button that opens a form carries the key of the form as it was drawn (kept on the server, per tenant).
    const form = submission.kind === 'action' && submission.formKey ? recallForm(db, tenant, submission.formKey) : undefined;
    const event: ChatEvent =
      submission.kind === 'form'
        ? { kind: 'form', tenant, personId: person.id, conversation, form: submission.form, value: submission.value, fields: submission.fields }
        : { kind: 'action', tenant, personId: person.id, conversation, action: submission.action, value: submission.value, ...(form ? { form } : {}) };
    const routed = routeEvent(chatDeps, event);
    const submitted = {
      ...(submission.kind === 'form' ? { formData: submission.formData, fields: submission.fields } : {}),
      ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
      shared: conversation.shared,
      toAsker: toAsker(tenant, activity),
      keepForm: (kept: Parameters<typeof keepForm>[2]) => keepForm(db, tenant, kept, now()),
      recallForm: (key: string) => recallForm(db, tenant, key),
      logger,
    };
    const quick = await settleWithin(routed, deps.actionAnswerMs ?? actionAnswerMs);
    if (quick) return { response: await deliverActionReplies(context, quick, submitted) };
    // The turn's context is revoked when the turn ends; the outcome continues the conversation from its reference.
    const reference = TurnContext.getConversationReference(context.activity);
    const work = routed.then((replies) => adapter.continueConversationAsync(settings.appId, reference, (later) => deliverLateActionReplies(later, replies, submitted)));
    return { response: messageResponse(slowActionText), work };
  }

  /** An action's response as a message: its card, or its text. */
  function responseAsMessage(response: ActionResponse): Partial<Activity> {
    if (response.type === adaptiveCardContentType) return adaptiveCardMessage(response.value);
    return { type: 'message', text: String(response.type === 'application/vnd.microsoft.error' ? response.value.message : response.value) };
  }

  /** One authenticated activity. */
  async function turn(context: TurnContext, activity: TeamsActivity): Promise<Processed> {
    const tenant = tenantOf(activity);
    const isInvoke = activity.type === 'invoke' && activity.name === 'adaptiveCard/action';
    if (!tenant) {
      logger.warn('teams activity from an unconnected tenant', { entraTenant: entraTenantOf(activity) ?? null, type: activity.type });
      if (isInvoke) return invoke(context, messageResponse(notConnected));
      if (activity.type === 'message') await context.sendActivity(notConnected);
      return { response: undefined };
    }
    saveConversationReference(db, tenant, activity, now());
    if (isInvoke) {
      const submission = submissionFromInvoke(activity.value);
      if (!submission) return invoke(context, badRequest('That card action is not one Policy Desk understands.'));
      const { response, work } = await act(context, activity, tenant, submission);
      return { ...invoke(context, response), ...(work ? { work } : {}) };
    }
    if (activity.type !== 'message') return { response: undefined };
    const submitted = submissionFromMessageValue(activity.value);
    if (submitted) {
      // Action.Submit from a client without Universal Actions: the same handling, the outcome as a message.
      const { response, work } = await act(context, activity, tenant, submitted);
      await context.sendActivity(responseAsMessage(response));
      return { response: undefined, ...(work ? { work } : {}) };
    }
    if (conversationKind(activity) !== 'personal' && !mentionsBot(activity)) return { response: undefined };
    const person = await resolveTeamsPerson(db, context, tenant, now());
    if (!person) {
      await context.sendActivity(unknownPerson);
      return { response: undefined };
    }
    const text = messageText(activity);
    // The turn's context is revoked when the turn ends; the answer continues the conversation from its reference.
    const reference = TurnContext.getConversationReference(context.activity);
    const work = answers.run(() => answer(reference, activity, tenant, person, text));
    return { response: undefined, work };
  }

  /** An invoke's response travels back in the HTTP response. */
  function invoke(_context: TurnContext, body: ActionResponse): Processed {
    return { response: { status: 200, body } };
  }

  const { route, redeliveries } = createTeamsRoute({
    db,
    logger,
    ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}),
    emulator: settings.emulator,
    now,
    authenticate: (activity, header) => auth.authenticateRequest(activity as unknown as Activity, header),
    authenticateKept: () => adapter.keptAuthentication(settings.appId),
    tenantOf,
    stillWorking: () => ({ status: 200, body: messageResponse(slowActionText) }),
    ...(deps.repeatWaitMs !== undefined ? { repeatWaitMs: deps.repeatWaitMs } : {}),
    async process(authResult, activity) {
      let processed: Processed = { response: undefined };
      const invokeResponse = await adapter.runTurn(authResult, activity as unknown as Activity, async (context) => {
        processed = await turn(context, activity);
      });
      return { response: processed.response ?? (invokeResponse ? { status: invokeResponse.status, body: invokeResponse.body } : undefined), ...(processed.work ? { work: processed.work } : {}) };
    },
  });

  return { route, redeliveries, notifier, tellNow, adapter, messenger };
}

