import { App, type AllMiddlewareArgs, type AnyMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { answerQuestion, type AskDeps } from '../../src/answers/answer-question.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { claimDelivery, finishDelivery } from './claim-delivery.ts';
import { createChannelAudience } from './channel-audience.ts';
import { createWorkQueue } from './create-work-queue.ts';
import { createSlackReceiver, type SlackReceiver } from './create-slack-receiver.ts';
import { deliveryKey } from './delivery-key.ts';
import { renderAnswer } from './render-answer.ts';
import { renderAppHome } from './app-home.ts';
import { createSlackNotifier, type SlackNotifier } from './create-slack-notifier.ts';
import { registerExceptionHandlers } from './register-exception-handlers.ts';
import { answerInfoRequest } from '../../src/exceptions/respond-to-request.ts';
import { PolicyDeskError } from '../../src/errors.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import { resolveSlackPerson } from './resolve-slack-person.ts';

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

type Deps = AskDeps & {
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
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), afterMs)));
  const first = await Promise.race([work.then(() => 'done' as const), slow]);
  clearTimeout(timer);
  const placeholder = first === 'slow' ? await show() : undefined;
  return { result: await work, placeholder };
}

const placeholderText = '🔎 Looking that up in the policies…';

/** A follow-up this short ("and in the UK?") is read together with the question that started its thread. */
const followUpWords = 6;

/**
 * The question with its thread as context: a short reply in a thread is
 * read together with the thread's first message, so "and for contractors?"
 * under "how many PTO days do we get?" is about PTO.
 */
async function withThreadContext(client: WebClient, channel: string, threadTs: string | undefined, ts: string, question: string): Promise<string> {
  if (!threadTs || threadTs === ts || question.split(/\s+/).filter(Boolean).length >= followUpWords) return question;
  const replies = await client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true });
  const root = replies.messages?.[0]?.text?.replace(mentionPattern, '').trim();
  return root ? `${question}\n(in a thread about: ${root})` : question;
}

const mentionPattern = /<@[A-Z0-9]+(?:\|[^>]*)?>/g;

/** Which tenant a Slack payload belongs to, or undefined for a workspace that is not configured. */
export function tenantOf(body: Record<string, unknown>, teams: Record<string, string>): string | undefined {
  const team = (body.team_id ?? (body.team as { id?: string } | undefined)?.id ?? body.enterprise_id) as string | undefined;
  return team ? teams[team] : undefined;
}

function refusal(answer: string, reason: string): AskResult {
  return { status: 'refused', reason, answer, citations: [] };
}

/**
 * The Slack app: a Bolt App on Policy Desk's HTTP server answering policy
 * questions in DMs, in channels where it is mentioned (in the thread) and
 * through `/policy`. Every delivery is de-duplicated by its Slack id before
 * any work, so a retry never answers twice. An answer goes to a channel only
 * when every member may see every policy it cites; otherwise the asker gets
 * it privately.
 */
export function createSlackApp(settings: SlackSettings, deps: Deps): { app: App; receiver: SlackReceiver | undefined; notifier: SlackNotifier } {
  // Socket Mode: Slack delivers over a WebSocket the app opens (app.start()); nothing is mounted on HTTP.
  const receiver = settings.appToken
    ? undefined
    : createSlackReceiver({ signingSecret: settings.signingSecret, logger: deps.logger, nowMilliseconds: deps.nowMilliseconds });
  const app = new App({
    token: settings.botToken,
    ...(receiver ? { receiver } : { socketMode: true, appToken: settings.appToken }),
    ...(settings.apiUrl ? { clientOptions: { slackApiUrl: settings.apiUrl } } : {}),
  });
  const now = () => new Date(deps.nowMilliseconds?.() ?? Date.now());
  const audience = createChannelAudience(deps.db, app.client, deps.nowMilliseconds);
  // At most 8 answers at once (a model's answers wait on the network), each started on its own
  // turn of the event loop: a burst never delays acks or new connections behind a backlog of work.
  const answers = createWorkQueue(8);
  const notifier = createSlackNotifier({ db: deps.db, client: app.client, logger: deps.logger, tenants: [...new Set(Object.values(settings.teams))], now });

  // Claim the delivery before anything else; a repeat is acknowledged and dropped.
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const body = args.body as Record<string, unknown>;
    const key = deliveryKey(body);
    const tenant = tenantOf(body, settings.teams) ?? 'unknown';
    if (key && !claimDelivery(deps.db, key, tenant, String(body.type ?? 'unknown'), now())) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      deps.logger.info('slack retry ignored', { key, retryNum: args.context.retryNum });
      return;
    }
    try {
      await args.next();
    } finally {
      if (key) finishDelivery(deps.db, key, now());
    }
  });

  /** The answer as a Slack message, with feedback buttons and, where the cited policy allows them, an exception button. */
  function render(result: AskResult & { answerId?: number }, body: Record<string, unknown>) {
    const first = result.citations[0];
    const tenant = tenantOf(body, settings.teams);
    const policy = first && tenant ? loadCatalog(deps.db, tenant).versions.find((v) => v.policyId === first.policyId && v.version === first.version) : undefined;
    const exceptionClause =
      first && policy?.exceptions === 'allowed'
        ? { policyId: first.policyId, version: first.version, section: first.section, ...(first.jurisdiction ? { jurisdiction: first.jurisdiction } : {}) }
        : undefined;
    return renderAnswer(result, { answerId: result.answerId, exceptionClause });
  }

  /** Answers a question for a Slack user of a tenant, or says why it will not. */
  async function ask(client: WebClient, body: Record<string, unknown>, user: string, userTeam: string | undefined, question: string, channel: string): Promise<AskResult & { answerId?: number }> {
    const tenant = tenantOf(body, settings.teams);
    if (!tenant) return refusal("This Slack workspace isn't connected to Policy Desk. An admin can add it to the configuration.", 'unknown_tenant');
    const team = (body.team_id ?? (body.team as { id?: string } | undefined)?.id) as string | undefined;
    if (userTeam && team && userTeam !== team) {
      return refusal('I only answer people of this organisation, so I cannot answer questions from shared (Slack Connect) channels members outside it.', 'external_user');
    }
    const person = await resolveSlackPerson(deps.db, client, tenant, user);
    if (!person) {
      return refusal("I can only answer people in your company's directory, and I couldn't find you there. Your HR or IT team can add you.", 'unknown_user');
    }
    if (!question.trim()) return refusal('Ask me a question about a company policy, for example: "how many vacation days do I get?"', 'empty_question');
    return answerQuestion(deps, { tenant, asker: { by: 'id', value: person.id }, question, channel: `slack:${channel}` });
  }

  const placeholderAfterMs = deps.placeholderAfterMs ?? 1500;
  const posted = (response: { ok?: boolean; channel?: string; ts?: string }): Posted | undefined =>
    response.ok && response.channel && response.ts ? { channel: response.channel, ts: response.ts } : undefined;

  app.event('app_mention', async ({ event, body, client }) => {
    const thread = event.thread_ts ?? event.ts;
    const question = await withThreadContext(client, event.channel, event.thread_ts, event.ts, event.text.replace(mentionPattern, '').trim());
    const { result, placeholder } = await withPlaceholder(
      answers.run(() => ask(client, body as unknown as Record<string, unknown>, event.user ?? '', (event as { user_team?: string }).user_team, question, event.channel)),
      placeholderAfterMs,
      async () => posted(await client.chat.postMessage({ channel: event.channel, thread_ts: thread, text: placeholderText })),
    );
    const message = render(result, body as unknown as Record<string, unknown>);
    const tenant = tenantOf(body as unknown as Record<string, unknown>, settings.teams);
    const forChannel = result.status !== 'answered' || (tenant !== undefined && (await audience.everyMemberMaySee(tenant, event.channel, result)));
    if (forChannel && placeholder) await client.chat.update({ channel: placeholder.channel, ts: placeholder.ts, ...message });
    else if (forChannel) await client.chat.postMessage({ channel: event.channel, thread_ts: thread, ...message });
    else {
      // The answer is not for everyone here: the placeholder goes, the asker gets it privately.
      if (placeholder) await client.chat.delete({ channel: placeholder.channel, ts: placeholder.ts });
      await client.chat.postEphemeral({ channel: event.channel, user: event.user ?? '', thread_ts: thread, ...message });
    }
  });

  app.message(async ({ message, body, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user) return;
    const text = await withThreadContext(client, message.channel, message.thread_ts, message.ts, 'text' in message ? (message.text ?? '') : '');
    const threadTs = message.thread_ts ? { thread_ts: message.thread_ts } : {};
    const { result, placeholder } = await withPlaceholder(
      answers.run(() => ask(client, body as unknown as Record<string, unknown>, message.user, (message as { user_team?: string }).user_team, text, message.channel)),
      placeholderAfterMs,
      async () => posted(await client.chat.postMessage({ channel: message.channel, ...threadTs, text: placeholderText })),
    );
    const reply = render(result, body as unknown as Record<string, unknown>);
    if (placeholder) await client.chat.update({ channel: placeholder.channel, ts: placeholder.ts, ...reply });
    else await client.chat.postMessage({ channel: message.channel, ...threadTs, ...reply });
  });

  app.command('/policy', async ({ command, ack, respond, client, body }) => {
    // Acknowledge within Slack's 3 seconds; the answer follows through the response URL.
    await ack();
    const answer = /^answer\s+#?(\d+)\s+([\s\S]+)$/i.exec(command.text.trim());
    if (answer) {
      await respond({ response_type: 'ephemeral', text: await answerInfo(client, body as unknown as Record<string, unknown>, command.user_id, Number(answer[1]), answer[2]!) });
      return;
    }
    const result = await answers.run(() => ask(client, body as unknown as Record<string, unknown>, command.user_id, undefined, command.text, command.channel_id));
    await respond({ response_type: 'ephemeral', ...render(result, body as unknown as Record<string, unknown>) });
  });

  /** `/policy answer ID TEXT`: the requester answers a reviewer's question; the request returns to its reviewers. */
  async function answerInfo(client: WebClient, body: Record<string, unknown>, user: string, requestId: number, text: string): Promise<string> {
    const tenant = tenantOf(body, settings.teams);
    const person = tenant ? await resolveSlackPerson(deps.db, client, tenant, user) : undefined;
    if (!tenant || !person) return "I couldn't find you in your company's directory.";
    try {
      const request = answerInfoRequest({ db: deps.db, now }, { tenant, requestId, requester: person.id, answer: text });
      await notifier.runOnce();
      return `Thanks: your answer is with the reviewers of request #${request.id}.`;
    } catch (error) {
      if (error instanceof PolicyDeskError) return error.message;
      throw error;
    }
  }

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const tenant = tenantOf(body as unknown as Record<string, unknown>, settings.teams);
    const person = tenant ? await resolveSlackPerson(deps.db, client, tenant, event.user) : undefined;
    const view = tenant && person
      ? renderAppHome(deps.db, tenant, person, now())
      : { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: "I couldn't find you in your company's directory, so there is nothing to show here yet." } }] };
    await client.views.publish({ user_id: event.user, view: view as never });
  });

  registerExceptionHandlers(app, { db: deps.db, logger: deps.logger, now, tenantOf: (body) => tenantOf(body, settings.teams), notifier });

  app.error(async (error) => {
    deps.logger.error('slack listener failed', { error: error.message, code: (error as { code?: string }).code });
  });

  return { app, receiver, notifier };
}
