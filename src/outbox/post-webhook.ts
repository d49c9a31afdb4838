import { parseRetryAfter } from './retry-delay.ts';
import { signWebhook, webhookHeaders } from './sign-webhook.ts';
import type { WebhookTarget } from './webhook-targets-schema.ts';

/** What one request to one target came to. */
export type WebhookResult =
  | { outcome: 'delivered'; status: number }
  /** The receiver refused the message (4xx other than 408 and 429, or a redirect): retrying will not help. */
  | { outcome: 'permanent'; status: number; error: string }
  /** 5xx, 408, 429, a network failure or a timeout: worth another attempt, not before `retryAfterMs` when given. */
  | { outcome: 'transient'; status?: number; error: string; retryAfterMs?: number };

export type PostWebhookRequest = {
  fetch: typeof globalThis.fetch;
  target: WebhookTarget;
  body: string;
  idempotencyKey: string;
  now: Date;
  timeoutMs: number;
};

/** A receiver's error body, shortened for `last_error`. */
async function responseSnippet(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}` : '';
  } catch {
    return '';
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return cause?.code ?? cause?.message ?? message ?? String(error);
}

/** POSTs a signed message to one target and classifies the answer; never throws for HTTP or network failures. */
export async function postWebhook(request: PostWebhookRequest): Promise<WebhookResult> {
  const { target, body, now, timeoutMs } = request;
  const timestamp = Math.floor(now.getTime() / 1000);
  let response: Response;
  try {
    response = await request.fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [webhookHeaders.idempotencyKey]: request.idempotencyKey,
        [webhookHeaders.timestamp]: String(timestamp),
        [webhookHeaders.signature]: signWebhook(target.secret, timestamp, body),
      },
      body,
      // A redirected POST may turn into a GET elsewhere: configure the final URL instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { outcome: 'transient', error: `${target.url}: ${networkReason(error, timeoutMs)}` };
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return { outcome: 'delivered', status };
  }
  const error = `${target.url}: HTTP ${status}${await responseSnippet(response)}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    return retryAfterMs === undefined ? { outcome: 'transient', status, error } : { outcome: 'transient', status, error, retryAfterMs };
  }
  return { outcome: 'permanent', status, error: status >= 300 && status < 400 ? `${error} (redirects are not followed)` : error };
}
