import { timingSafeEqual } from 'node:crypto';
import { signWebhook, webhookHeaders } from './sign-webhook.ts';

export type WebhookRequestHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookRequestHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * For receivers (and tests): whether a webhook request really comes from
 * Policy Desk with this secret, and is fresh. `rawBody` must be the bytes as
 * received, before any JSON parsing. A timestamp more than `toleranceSeconds`
 * from `nowSeconds` is refused, so a captured request cannot be replayed
 * later; a request replayed within the window carries an idempotency key
 * the receiver has already seen.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: WebhookRequestHeaders,
  rawBody: string | Uint8Array,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestampText = header(headers, webhookHeaders.timestamp);
  const signatures = header(headers, webhookHeaders.signature);
  if (!timestampText || !signatures || !/^\d+$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  // Several signatures (comma-separated) let a sender rotate secrets without a gap.
  return signatures.split(',').some((signature) => {
    const given = Buffer.from(signature.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
