import { WebClient, type Logger as SlackLogger } from '@slack/web-api';

export type SlackBotIdentity = { botUserId: string; botId?: string };

/** How long auth.test may take before an event goes on without the bot's ids (a Slack event must be acknowledged within 3 s). */
const authTestTimeoutMs = 2000;

/**
 * The bot's own Slack ids, from auth.test: asked when first needed, kept
 * once Slack answers, asked again on the next call while it does not.
 * Bolt's own authorization asks once, at start-up, with retries for half an
 * hour, and keeps whatever came: started while Slack is unreachable, every
 * event waits on it past Slack's 3 seconds (Slack retries, and turns the
 * app's events off after enough failures); refused once, every event fails
 * until a restart. Undefined while Slack does not answer.
 */
export function slackBotIdentity(settings: { botToken: string; apiUrl?: string }, logger?: SlackLogger): () => Promise<SlackBotIdentity | undefined> {
  const client = new WebClient(settings.botToken, {
    ...(logger ? { logger } : {}),
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: authTestTimeoutMs,
  });
  let asked: Promise<SlackBotIdentity | undefined> | undefined;
  return () =>
    (asked ??= client.auth.test().then(
      (result) => {
        if (!result.user_id) throw new Error('auth.test gave no user id');
        return { botUserId: result.user_id, ...(result.bot_id ? { botId: result.bot_id } : {}) };
      },
    ).catch(() => {
      asked = undefined;
      return undefined;
    }));
}
