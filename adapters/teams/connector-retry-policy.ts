import { parseRetryAfter, retryDelayMs } from '../../src/outbox/retry-delay.ts';
import type { ConversationPacer } from './conversation-pacer.ts';
import { ConnectorTimeout } from './teams-errors.ts';

/** Teams asks bots to retry these with exponential backoff: throttled, precondition failed (a conflicting write), bad gateway, gateway timeout. */
export const retryableStatuses = new Set([412, 429, 502, 504]);

/** The parts of an Azure pipeline request and response this policy reads (core-rest-pipeline's shapes). */
type Request = { url: string; method: string; timeout: number; abortSignal?: { aborted: boolean } | undefined };
type Response = { status: number; headers: { get(name: string): string | undefined } };
export type PipelinePolicy = { name: string; sendRequest(request: Request, next: (request: Request) => Promise<Response>): Promise<Response> };

export type RetryOptions = {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails and the caller (the outbox) tries later. */
  maxRetryAfterMs?: number;
  /** The deadline of a read (a roster, a member: someone is usually waiting on it). */
  readTimeoutMs?: number;
  /** The deadline of a post, an update or a new conversation. */
  writeTimeoutMs?: number;
  pacer?: ConversationPacer;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  /** A retry about to wait: after an error status, or after no answer within the deadline (`'timeout'`). */
  onRetry?: (event: { url: string; status: number | 'timeout'; attempt: number; delayMs: number }) => void;
};

/** `/v3/conversations/{id}/activities…` → the conversation id; undefined for calls that create a conversation. */
export function conversationOf(url: string): string | undefined {
  const match = /\/v3\/conversations\/([^/?]+)\//.exec(new URL(url).pathname + '/');
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * The one retry policy for every Bot Connector call (replies, proactive
 * posts, card updates, rosters): 429, 412, 502 and 504 are retried with
 * exponential backoff and full jitter, never sooner than a Retry-After, up
 * to `maxRetries` times; every call to a conversation first waits for room
 * within Teams' per-conversation limits. Every attempt has a deadline (5 s
 * for a read, 15 s otherwise), so a connection that never answers holds no
 * one up for long: a read or an update that timed out is retried once
 * (doing it again does no harm), while a post or a new conversation is not,
 * since Teams may have made it: it fails with `ConnectorTimeout`, an
 * outcome unknown, for the caller to decide. Anything else is returned as is.
 */
export function connectorRetryPolicy(options: RetryOptions = {}): PipelinePolicy {
  const maxRetries = options.maxRetries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const readTimeoutMs = options.readTimeoutMs ?? 5_000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
  return {
    name: 'policyDeskConnectorRetry',
    async sendRequest(request, next) {
      const conversation = conversationOf(request.url);
      let timedOutBefore = false;
      for (let attempt = 1; ; attempt++) {
        if (conversation && options.pacer) await options.pacer.wait(conversation);
        const timeoutMs = request.method === 'GET' ? readTimeoutMs : writeTimeoutMs;
        request.timeout = timeoutMs;
        const sentAt = performance.now();
        let response: Response;
        try {
          response = await next(request);
        } catch (error) {
          // The HTTP client aborts a request at its timeout (the error says only "aborted", in one of two
          // shapes); an abort the caller asked for, or a failure before the deadline, is thrown as it is.
          if (performance.now() - sentAt < timeoutMs || request.abortSignal?.aborted) throw error;
          const timedOut = new ConnectorTimeout(request, timeoutMs, { cause: error });
          // Once: a connection that hung twice will not be waited on a third time.
          if (request.method === 'POST' || timedOutBefore || attempt > maxRetries) throw timedOut;
          timedOutBefore = true;
          const delayMs = retryDelayMs(attempt, { baseDelayMs, maxDelayMs, random });
          options.onRetry?.({ url: request.url, status: 'timeout', attempt, delayMs });
          await sleep(delayMs);
          continue;
        }
        if (!retryableStatuses.has(response.status) || attempt > maxRetries) return response;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return response;
        const delayMs = Math.max(retryDelayMs(attempt, { baseDelayMs, maxDelayMs, random }), retryAfter ?? 0);
        options.onRetry?.({ url: request.url, status: response.status, attempt, delayMs });
        await sleep(delayMs);
      }
    },
  };
}
