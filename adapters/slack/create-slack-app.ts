import { randomUUID } from 'node:crypto';
import { App, type AllMiddlewareArgs, type AnyMiddlewareArgs, type BlockAction, type ButtonAction, type ViewSubmitAction } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AskDeps } from '../../src/answers/answer-question.ts';
import { clauseVersionRef } from '../../src/chat/cards/exception-card.ts';
import { noticeCard } from '../../src/chat/cards/notice-card.ts';
import type { Conversation } from '../../src/chat/chat-event.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { ChatReply } from '../../src/chat/chat-reply.ts';
import { createCommitBatcher } from '../../src/storage/create-commit-batcher.ts';
import { keepForm, recallForm } from '../../src/chat/form-store.ts';
import { routeEvent } from '../../src/chat/route-event.ts';
import { settleWithin } from '../../src/chat/settle-within.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { renderAppHome } from './app-home.ts';
import { cardToBlockKit, coreActionId } from './card-to-block-kit.ts';
import { createChannelAudience } from './channel-audience.ts';
import { abandonedDeliveries, claimDelivery, finishDelivery, heartbeatMs, rememberPlaceholder, renewDelivery, shownPlaceholder } from './claim-delivery.ts';
import { createRedeliveryRunner } from '../../src/chat/delivery-claims.ts';
import type { SerialRunner } from '../../src/outbox/create-serial-runner.ts';
import { createSlackNotifier, type SlackNotifier } from './create-slack-notifier.ts';
import { createSlackPublisher, type SlackPublisher } from './create-slack-publisher.ts';
import { boltLogger, createSlackReceiver, type SlackReceiver } from './create-slack-receiver.ts';
import { createSocketModeReceiver } from './create-socket-mode-receiver.ts';
import { createWorkQueue } from '../../src/chat/create-work-queue.ts';
import { deliverReplies, isSharedChannel, type DeliveryContext, type SlackOrigin } from './deliver-replies.ts';
import { deliveryKey } from './delivery-key.ts';
import { modalFields, type ModalMetadata } from './form-to-modal.ts';
import { resolveSlackPerson } from './resolve-slack-person.ts';
import { slackBotIdentity, type SlackBotIdentity } from './slack-bot-identity.ts';
import { isSlackRefusal } from './slack-errors.ts';
import { createPostingClient, createSlackPostSweeper, type SlackPostSweeper } from './slack-posts.ts';

export type SlackSettings = {
  signingSecret: string;
  /** An app-level token (xapp-...): Socket Mode instead of HTTP, for local development behind a firewall. */
  appToken?: string;
  botToken: string;
  /** Slack team (or Enterprise Grid) id → Policy Desk tenant. */
  teams: Record<string, string>;
  /** Base URL of the Web API; tests and proxies set it. */
  apiUrl?: string;
};

type Deps = AskDeps & Pick<ChatDeps, 'comms'> & {
  logger: Logger;
  nowMilliseconds?: () => number;
  /** An answer slower than this first shows a placeholder, updated in place when the answer is ready. */
  placeholderAfterMs?: number;
};

type Posted = { channel: string; ts: string };

/**
 * Runs slow work; if it is not done within `afterMs`, shows a placeholder
 * meanwhile (posted by `show`), so a person never looks at silence.
 */
async function withPlaceholder<T>(work: Promise<T>, afterMs: number, show: () => Promise<Posted | undefined>): Promise<{ result: T; placeholder: Posted | undefined }> {
  const done = await settleWithin(work.then(() => true), afterMs);
  const placeholder = done ? undefined : await show();
  return { result: await work, placeholder };
}

const placeholderText = '🔎 Looking that up in the policies…';

/** How long a modal submission may wait for the router before the modal is closed and the reply sent as a message. */
const modalAnswerMs = 2500;

/** A follow-up this short ("and in the UK?") is read together with the question that started its thread. */
const followUpWords = 6;

/**
 * The question with its thread as context: a short reply in a thread is
 * read together with the thread's first message, so "and for contractors?"
 * under "how many PTO days do we get?" is about PTO.
 */
async function withThreadContext(client: WebClient, logger: Logger, channel: string, threadTs: string | undefined, ts: string, question: string): Promise<string> {
  if (!threadTs || threadTs === ts || question.split(/\s+/).filter(Boolean).length >= followUpWords) return question;
  try {
    const replies = await client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true });
    const root = replies.messages?.[0]?.text?.replace(mentionPattern, '').trim();
    return root ? `${question}\n(in a thread about: ${root})` : question;
  } catch (error) {
    // Without its thread the follow-up is still a question: answered as asked.
    logger.warn('slack thread unreadable; answering the reply on its own', { channel, error: (error as Error).message });
    return question;
  }
}

const mentionPattern = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

/** A button's value: the JSON object the card gave it (anything else is no value; the router refuses what it needs and lacks). */
function parseValue(raw: string | undefined): Record<string, string> {
  try {
    const value = JSON.parse(raw ?? '{}') as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/** A modal's private metadata as formToModal wrote it; a malformed one carries nothing. */
function parseMetadata(raw: string): ModalMetadata {
  try {
    const parsed = JSON.parse(raw) as Partial<ModalMetadata>;
    return { value: parseValue(JSON.stringify(parsed.value ?? {})), ...(typeof parsed.channel === 'string' ? { channel: parsed.channel } : {}), ...(typeof parsed.thread === 'string' ? { thread: parsed.thread } : {}) };
  } catch {
    return { value: {} };
  }
}

/** Which tenant a Slack payload belongs to, or undefined for a workspace that is not configured. */
export function tenantOf(body: Record<string, unknown>, teams: Record<string, string>): string | undefined {
  const team = (body.team_id ?? (body.team as { id?: string } | undefined)?.id ?? body.enterprise_id) as string | undefined;
  return team ? teams[team] : undefined;
}

/** Why a Slack user gets no answer, or undefined when they are a directory person of a configured workspace. */
type Identity = { tenant: string; personId: string } | { refusal: string };

const refusals = {
  unknownTenant: "This Slack workspace isn't connected to Policy Desk. An admin can add it to the configuration.",
  external: 'I only answer people of this organisation, so I cannot answer members of shared (Slack Connect) channels from outside it.',
  unknownUser: "I can only answer people in your company's directory, and I couldn't find you there. Your HR or IT team can add you.",
  slackUnavailable: "I couldn't check who you are with Slack just now, so I haven't done anything. Please try again in a minute.",
};

const failedNotice = 'Something went wrong while I was answering, so I have no answer for you. Please ask again in a minute.';

/**
 * Web API calls made while someone waits (who is asking, a channel's
 * members, a thread's first message, a modal): a 5-second timeout and a few
 * quick retries, then the work goes on without them or tells the person,
 * rather than WebClient's default of ten retries over half an hour holding
 * one of the answer slots while everyone else waits.
 */
const waitingCallOptions = { timeout: 5000, retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 } };

/**
 * The Slack app: a Bolt App on Policy Desk's HTTP server answering policy
 * questions in DMs, in channels where it is mentioned (in the thread) and
 * through `/policy`. Every delivery is de-duplicated by its Slack id before
 * any work, so a retry never answers twice. An answer goes to a channel only
 * when every member may see every policy it cites; otherwise the asker gets
 * it privately.
 */
export function createSlackApp(
  settings: SlackSettings,
  deps: Deps,
): {
  app: App;
  client: WebClient;
  tellNow: () => void;
  botIdentity: () => Promise<SlackBotIdentity | undefined>;
  receiver: SlackReceiver | undefined;
  notifier: SlackNotifier;
  publisher: SlackPublisher;
  posts: SlackPostSweeper;
  redeliveries: SerialRunner;
} {
  const now = () => new Date(deps.nowMilliseconds?.() ?? Date.now());
  // Deliveries claimed, posts queued and marked during one turn of the event loop share one durable commit.
  const commits = createCommitBatcher(deps.db);
  /** Claims a delivery, keeping its body until it is done: false for a repeat (one done, or under way elsewhere). */
  const claim = (body: Record<string, unknown>, key: string) =>
    commits.run(() => claimDelivery(deps.db, key, tenantOf(body, settings.teams) ?? 'unknown', String(body.type ?? body.command ?? 'unknown'), now(), JSON.stringify(body)));
  const claimOnReceipt = async (body: Record<string, unknown>) => {
    const key = deliveryKey(body);
    if (!key || (await claim(body, key))) return true;
    deps.logger.info('slack retry ignored', { key });
    return false;
  };
  // Socket Mode: Slack delivers over a WebSocket the app opens (app.start()); nothing is mounted on HTTP.
  // Either way each delivery is claimed before its ack.
  const receiver = settings.appToken
    ? undefined
    : createSlackReceiver({ signingSecret: settings.signingSecret, logger: deps.logger, nowMilliseconds: deps.nowMilliseconds, claim: claimOnReceipt });
  const socketReceiver = settings.appToken
    ? createSocketModeReceiver({ appToken: settings.appToken, logger: deps.logger, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}), claim: claimOnReceipt })
    : undefined;
  // The bot's ids are asked of Slack when an event needs them, and asked again while Slack does not answer: an event
  // is never held up or refused by auth.test (see slackBotIdentity); without the ids, listeners skip bot messages themselves.
  const slackLogger = boltLogger(deps.logger);
  const botIdentity = slackBotIdentity(settings, slackLogger);
  const app = new App({
    authorize: async () => ({ botToken: settings.botToken, ...(await botIdentity()) }),
    logger: slackLogger,
    // Bolt's conversation store keeps state per conversation for listeners that ask for it; none here does.
    convoStore: false,
    receiver: receiver ?? socketReceiver,
    clientOptions: { ...waitingCallOptions, ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}) },
  });
  // Bolt's own client carries no token when authorization is ours: this one does, for reads outside a listener.
  const clientOptions = { logger: slackLogger, ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}) };
  const client = new WebClient(settings.botToken, { ...clientOptions, ...waitingCallOptions });
  const posting = createPostingClient(settings.botToken, clientOptions);
  const audience = createChannelAudience(deps.db, client, { botIdentity, logger: deps.logger, ...(deps.nowMilliseconds ? { now: deps.nowMilliseconds } : {}) });
  // At most 8 answers at once (a model's answers wait on the network), each started on its own
  // turn of the event loop: a burst never delays acks or new connections behind a backlog of work.
  const answers = createWorkQueue(8);
  const tenants = [...new Set(Object.values(settings.teams))];
  // Exception notices make one attempt per call (a 429 is waited out once, then the run fails and is retried): a retry
  // goes through the notifier, which looks for a message an earlier attempt may have posted (WebClient's own retries would not).
  const notifying = createPostingClient(settings.botToken, { ...clientOptions, rejectRateLimitedCalls: false });
  const notifier = createSlackNotifier({
    db: deps.db,
    client: notifying,
    logger: deps.logger,
    tenants,
    now,
    // A reviewer channel may have members outside the clause's policy's audience: the card then leaves the clause's words out.
    // Cards the notifier posts or redraws for everyone in a channel follow its members as they are now.
    clauseAudience: (request, channel) => audience.everyMemberMaySee(request.tenant, channel, [clauseVersionRef(deps.db, request)], { live: true }),
    // A review card quoting policies not every member of a reviewers' channel may see is posted there with its text withheld.
    channelAudience: (tenant, channel, versions) => audience.everyMemberMaySee(tenant, channel, versions, { live: true }),
  });
  // Announcements go through the posting client: one attempt per run, so a post whose reply was lost is looked
  // for in the channel before it is made again (WebClient's own retries would post it twice).
  const publisher = createSlackPublisher({ db: deps.db, client: posting, logger: deps.logger, tenants, now });

  // Claim the delivery before anything else (the receiver did, before the ack; a redelivery of an abandoned one claims it here); a repeat is acknowledged and dropped.
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const body = args.body as Record<string, unknown>;
    const key = deliveryKey(body);
    if (!key) return args.next();
    // The body is kept until the delivery is done: if this process dies after the ack, the delivery is processed again from it.
    if (args.context.claimed !== true && !(await claim(body, key))) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      deps.logger.info('slack retry ignored', { key, retryNum: args.context.retryNum });
      return;
    }
    // Slow work (a model taking its time) renews its lease, so it is never taken for dead and done twice.
    const heartbeat = setInterval(() => void commits.run(() => renewDelivery(deps.db, key, now())).catch(() => undefined), heartbeatMs);
    heartbeat.unref();
    try {
      await args.next();
    } finally {
      clearInterval(heartbeat);
      await commits.run(() => finishDelivery(deps.db, key, now()));
    }
  });

  /** Slack hears of exception events through the outbox, like every channel; this tells it now rather than at the next poll. */
  const tellNow = (): void => void notifier.runOnce().catch((error: unknown) => deps.logger.warn('slack notifier failed; will retry', { error: (error as Error).message }));
  const chatDeps: ChatDeps = { ...deps, now, commits, afterCommit: tellNow };

  /** What delivering replies to this Slack delivery needs: its tenant and the key Slack retries it under. */
  function deliveryContext(client: WebClient, body: Record<string, unknown>): DeliveryContext {
    return { db: deps.db, client, posting, logger: deps.logger, now, tenant: tenantOf(body, settings.teams) ?? 'unknown', deliveryKey: deliveryKey(body) ?? `local:${randomUUID()}`, commits };
  }

  /** The Slack team and enterprise ids configured for a tenant: its people's home. */
  const homeTeams = (tenant: string) => Object.entries(settings.teams).filter(([, mapped]) => mapped === tenant).map(([team]) => team);

  /**
   * The directory person behind a Slack user of a configured workspace, or
   * why there is none. `userTeam` is the user's own team where the payload
   * says it (events: user_team; clicks and forms: user.team_id): someone
   * from another organisation in a shared channel is refused before anything
   * else, whatever their profile says.
   */
  async function identify(client: WebClient, body: Record<string, unknown>, user: string, userTeam?: string): Promise<Identity> {
    const tenant = tenantOf(body, settings.teams);
    if (!tenant) return { refusal: refusals.unknownTenant };
    const team = (body.team_id ?? (body.team as { id?: string } | undefined)?.id) as string | undefined;
    const home = homeTeams(tenant);
    if (userTeam && team && userTeam !== team && !home.includes(userTeam)) return { refusal: refusals.external };
    try {
      const found = await resolveSlackPerson(deps.db, client, tenant, user, home, now());
      if ('person' in found) return { tenant, personId: found.person.id };
      return { refusal: found.missing === 'external' ? refusals.external : refusals.unknownUser };
    } catch (error) {
      // Slack says there is no such user: not someone we know. Slack not answering: say so, rather than that they are unknown.
      if (isSlackRefusal(error)) return { refusal: refusals.unknownUser };
      deps.logger.warn('slack users.info failed', { user, error: (error as Error).message });
      return { refusal: refusals.slackUnavailable };
    }
  }

  /**
   * The replies to a message, or, when something unexpected fails on the way
   * (a database error, a bug), a notice saying so: the person is never left
   * looking at silence, or at a placeholder that never changes.
   */
  async function toldOnFailure(work: () => Promise<ChatReply[]>): Promise<ChatReply[]> {
    try {
      return await work();
    } catch (error) {
      deps.logger.error('slack message not answered', { error: (error as Error).message });
      return [noticeCard(failedNotice)];
    }
  }

  /** The conversation as the router sees it: shared unless a DM, with the channel's member check. */
  function conversation(tenant: string, channel: string | undefined, thread?: string): Conversation {
    const id = `slack:${channel ?? 'home'}${thread ? `:${thread}` : ''}`;
    if (!isSharedChannel(channel)) return { id, shared: false };
    return { id, shared: true, everyMemberMaySee: (versions) => audience.everyMemberMaySee(tenant, channel!, versions) };
  }

  /** Routes a message (DM, mention, slash command) and delivers the replies, with a placeholder while slow work runs. */
  async function handleMessage(client: WebClient, body: Record<string, unknown>, input: { user: string; userTeam?: string; text: string; channel: string; ts: string; thread?: string; replyThread?: string }) {
    const origin: SlackOrigin = { user: input.user, channel: input.channel, ...(input.replyThread ? { thread: input.replyThread } : {}) };
    const key = deliveryKey(body);
    const work = answers.run(() =>
      toldOnFailure(async () => {
        const who = await identify(client, body, input.user, input.userTeam);
        if ('refusal' in who) return [noticeCard(who.refusal)];
        const text = await withThreadContext(client, deps.logger, input.channel, input.thread, input.ts, input.text);
        return routeEvent(chatDeps, { kind: 'message', tenant: who.tenant, personId: who.personId, text, conversation: conversation(who.tenant, input.channel, input.replyThread) });
      }),
    );
    // A delivery processed again after its process died: the placeholder it showed then is the one the answer replaces.
    const earlier = key ? shownPlaceholder(deps.db, key) : undefined;
    const { result, placeholder } = earlier
      ? { result: await work, placeholder: earlier }
      : await withPlaceholder(work, placeholderAfterMs, async () => {
          const shown = posted(await client.chat.postMessage({ channel: input.channel, ...(input.replyThread ? { thread_ts: input.replyThread } : {}), text: placeholderText }));
          if (shown && key) await commits.run(() => rememberPlaceholder(deps.db, key, shown));
          return shown;
        });
    await deliverReplies(deliveryContext(client, body), result, { ...origin, ...(placeholder ? { placeholder } : {}) });
  }

  const placeholderAfterMs = deps.placeholderAfterMs ?? 1500;
  const posted = (response: { ok?: boolean; channel?: string; ts?: string }): Posted | undefined =>
    response.ok && response.channel && response.ts ? { channel: response.channel, ts: response.ts } : undefined;

  app.event('app_mention', async ({ event, body, client }) => {
    await handleMessage(client, body as unknown as Record<string, unknown>, {
      user: event.user ?? '',
      ...((event as { user_team?: string }).user_team ? { userTeam: (event as { user_team?: string }).user_team } : {}),
      text: event.text.replace(mentionPattern, '').trim(),
      channel: event.channel,
      ts: event.ts,
      ...(event.thread_ts ? { thread: event.thread_ts } : {}),
      replyThread: event.thread_ts ?? event.ts,
    });
  });

  app.message(async ({ message, body, client }) => {
    // Bolt leaves out the bot's own messages when it knows the bot's ids; a message from any bot is never a question.
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user || ('bot_id' in message && message.bot_id)) return;
    await handleMessage(client, body as unknown as Record<string, unknown>, {
      user: message.user,
      ...((message as { user_team?: string }).user_team ? { userTeam: (message as { user_team?: string }).user_team } : {}),
      text: 'text' in message ? (message.text ?? '') : '',
      channel: message.channel,
      ts: message.ts,
      ...(message.thread_ts ? { thread: message.thread_ts, replyThread: message.thread_ts } : {}),
    });
  });

  app.command('/policy', async ({ command, ack, respond, client, body }) => {
    // Acknowledge within Slack's 3 seconds; the answer follows through the response URL, for the asker only.
    await ack();
    const who = await identify(client, body as unknown as Record<string, unknown>, command.user_id);
    if ('refusal' in who) return void (await respond({ response_type: 'ephemeral', text: who.refusal }));
    const answer = /^answer\s+#?(\d+)\s+([\s\S]+)$/i.exec(command.text.trim());
    const replies = await answers.run(() =>
      answer
        ? routeEvent(chatDeps, { kind: 'form', tenant: who.tenant, personId: who.personId, form: 'exception.answer', value: { requestId: answer[1]! }, fields: { answer: answer[2]! }, conversation: { id: `slack:${command.channel_id}`, shared: false } })
        : routeEvent(chatDeps, { kind: 'message', tenant: who.tenant, personId: who.personId, text: command.text, conversation: { id: `slack:${command.channel_id}`, shared: false } }),
    );
    for (const reply of replies) {
      if (reply.kind === 'card') await respond({ response_type: 'ephemeral', ...cardToBlockKit(reply.card, (form) => keepForm(deps.db, who.tenant, form)) });
      if (reply.kind === 'invalid') await respond({ response_type: 'ephemeral', text: reply.message });
    }
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, body as unknown as Record<string, unknown>, event.user);
  });

  async function publishHome(client: WebClient, body: Record<string, unknown>, user: string): Promise<void> {
    const who = await identify(client, body, user);
    const person = 'refusal' in who ? undefined : findPerson(deps.db, who.tenant, 'id', who.personId);
    const view = person && !('refusal' in who)
      ? renderAppHome(deps.db, who.tenant, person, now())
      : { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: "I couldn't find you in your company's directory, so there is nothing to show here yet." } }] };
    await client.views.publish({ user_id: user, view: view as never });
  }

  // Someone joined or left a channel: who may read answers there changed.
  app.event('member_joined_channel', async ({ event }) => audience.forget(event.channel));
  app.event('member_left_channel', async ({ event }) => audience.forget(event.channel));

  // Every button on a Policy Desk card: its core action id, the value it carried; checked again on the server by the router.
  app.action<BlockAction<ButtonAction>>(/^[a-z]+\.[a-z-]+(#\d+)?$/, async ({ ack, body, action, client }) => {
    await ack();
    const raw = body as unknown as Record<string, unknown>;
    const channel = body.channel?.id;
    // A button on a message in a thread: what is said to the clicker is said there, not in the channel.
    const thread = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
    const origin: SlackOrigin = { user: body.user.id, ...(channel ? { channel } : {}), ...(thread ? { thread } : {}), ...(body.message?.ts ? { messageTs: body.message.ts } : {}), triggerId: body.trigger_id };
    const who = await identify(client, raw, body.user.id, body.user.team_id);
    if ('refusal' in who) return deliverReplies(deliveryContext(client, raw), [noticeCard(who.refusal)], origin);
    const { _form: formKey, ...value } = parseValue(action.value);
    const form = formKey ? recallForm(deps.db, who.tenant, formKey) : undefined;
    const replies = await routeEvent(chatDeps, {
      kind: 'action',
      tenant: who.tenant,
      personId: who.personId,
      action: coreActionId(action.action_id),
      value,
      ...(form ? { form } : {}),
      conversation: conversation(who.tenant, channel),
    });
    await deliverReplies(deliveryContext(client, raw), replies, origin);
    if (!channel) await publishHome(client, raw, body.user.id);
  });

  // Every Policy Desk form (a modal): refusals are shown by their field, in the modal, and nothing typed is lost.
  app.view<ViewSubmitAction>(/^[a-z]+\.[a-z-]+$/, async ({ ack, body, view, client }) => {
    const raw = body as unknown as Record<string, unknown>;
    const metadata = parseMetadata(view.private_metadata);
    const fields = modalFields(view);
    const firstField = Object.keys(view.state.values)[0] ?? 'value';
    const who = await identify(client, raw, body.user.id, body.user.team_id);
    if ('refusal' in who) return ack({ response_action: 'errors', errors: { [firstField]: who.refusal } });
    const origin: SlackOrigin = { user: body.user.id, ...(metadata.channel ? { channel: metadata.channel } : {}), ...(metadata.thread ? { messageTs: metadata.thread } : {}) };
    const routed = routeEvent(chatDeps, { kind: 'form', tenant: who.tenant, personId: who.personId, form: view.callback_id, value: metadata.value, fields, conversation: conversation(who.tenant, metadata.channel) });
    // Slack wants the modal answered within 3 seconds. Slow work (a model regenerating a draft) finishes after
    // the modal closes; a refusal that comes that late is told in a message instead of beside the field.
    const quick = await settleWithin(routed, modalAnswerMs);
    if (!quick) {
      await ack();
      const replies = await routed;
      return deliverReplies(deliveryContext(client, raw), replies.map((reply) => (reply.kind === 'invalid' ? noticeCard(reply.message) : reply)), origin);
    }
    const invalid = quick.find((reply) => reply.kind === 'invalid');
    if (invalid) {
      const field = invalid.field && invalid.field in view.state.values ? invalid.field : firstField;
      return ack({ response_action: 'errors', errors: { [field]: invalid.message } });
    }
    await ack();
    await deliverReplies(deliveryContext(client, raw), quick, origin);
  });

  app.error(async (error) => {
    deps.logger.error('slack listener failed', { error: error.message, code: (error as { code?: string }).code });
  });

  // Posts a crash or an outage left queued are made by the sweeper, in order, once.
  const posts = createSlackPostSweeper({ db: deps.db, client: posting, logger: deps.logger, now });

  /**
   * Deliveries acknowledged by a process that died before it was done with
   * them (Slack will not send them again) go through the app once more, as
   * if just received; the claim makes sure only one process takes each.
   */
  const redeliveries = createRedeliveryRunner({
    db: deps.db,
    now,
    logger: deps.logger,
    platform: 'slack',
    noun: 'delivery',
    abandoned: abandonedDeliveries,
    reprocess: (delivery) =>
      app.processEvent({
        body: JSON.parse(delivery.body) as Record<string, unknown>,
        // Slack had its acknowledgement long ago; a modal it would have answered is gone.
        ack: async (response) => {
          if (response) deps.logger.warn('slack delivery processed again: its immediate response could not be given', { key: delivery.key });
        },
      }),
  });

  return { app, client, tellNow, botIdentity, receiver, notifier, publisher, posts, redeliveries };
}
