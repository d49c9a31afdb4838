import { createHmac } from 'node:crypto';

/** The headers every webhook request carries (lower case, as Node's `IncomingMessage.headers` has them). */
export const webhookHeaders = {
  idempotencyKey: 'x-policy-desk-idempotency-key',
  timestamp: 'x-policy-desk-timestamp',
  signature: 'x-policy-desk-signature',
} as const;

/**
 * `v1=<hex HMAC-SHA256 of "v1:" + timestamp + ":" + rawBody>` with the
 * target's secret. Signing the timestamp with the body lets a receiver reject
 * a captured request replayed later.
 */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v1:${timestampSeconds}:`);
  hmac.update(rawBody);
  return `v1=${hmac.digest('hex')}`;
}
