import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, webhookHeaders } from '../../src/outbox/sign-webhook.ts';
import { verifyWebhookSignature } from '../../src/outbox/verify-webhook-signature.ts';

const secret = 'whsec-0123456789abcdef';
const rawBody = '{"id":1,"topic":"exception.decided","tenant":"acme","idempotencyKey":"exception.decided:42","createdAt":"2026-03-01T09:00:00.000Z","payload":{}}';
const timestamp = 1_772_355_600;

function signed(body = rawBody, at = timestamp, key = secret): Record<string, string> {
  return { [webhookHeaders.timestamp]: String(at), [webhookHeaders.signature]: signWebhook(key, at, body) };
}

describe('webhook signatures', () => {
  it('are v1= and the hex HMAC-SHA256 of "v1:" + timestamp + ":" + raw body, so any receiver can check them', () => {
    const expected = createHmac('sha256', secret).update(`v1:${timestamp}:${rawBody}`).digest('hex');
    expect(signWebhook(secret, timestamp, rawBody)).toBe(`v1=${expected}`);
    expect(signWebhook(secret, timestamp, Buffer.from(rawBody))).toBe(`v1=${expected}`);
  });

  it('verify with the right secret, body and a fresh timestamp, from a plain header record or a Headers object', () => {
    expect(verifyWebhookSignature(secret, signed(), rawBody, timestamp + 10)).toBe(true);
    expect(verifyWebhookSignature(secret, new Headers(signed()), Buffer.from(rawBody), timestamp - 10)).toBe(true);
    const mixedCase = { 'X-Policy-Desk-Timestamp': String(timestamp), 'X-Policy-Desk-Signature': signWebhook(secret, timestamp, rawBody) };
    expect(verifyWebhookSignature(secret, mixedCase, rawBody, timestamp)).toBe(true);
  });

  it('reject a changed body, another secret, a changed timestamp and a forged signature', () => {
    expect(verifyWebhookSignature(secret, signed(), rawBody.replace('acme', 'evil'), timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, signed(rawBody, timestamp, 'another-secret-entirely'), rawBody, timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...signed(), [webhookHeaders.timestamp]: String(timestamp + 1) }, rawBody, timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...signed(), [webhookHeaders.signature]: `v1=${'0'.repeat(64)}` }, rawBody, timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...signed(), [webhookHeaders.signature]: 'v1=short' }, rawBody, timestamp)).toBe(false);
  });

  it('reject a replay outside the tolerance window (300 s unless told)', () => {
    expect(verifyWebhookSignature(secret, signed(), rawBody, timestamp + 300)).toBe(true);
    expect(verifyWebhookSignature(secret, signed(), rawBody, timestamp + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, signed(), rawBody, timestamp - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, signed(), rawBody, timestamp + 3600, 7200)).toBe(true);
  });

  it('reject a request without the headers or with a malformed timestamp', () => {
    expect(verifyWebhookSignature(secret, {}, rawBody, timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, { [webhookHeaders.signature]: signWebhook(secret, timestamp, rawBody) }, rawBody, timestamp)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...signed(), [webhookHeaders.timestamp]: `${timestamp}.5` }, rawBody, timestamp)).toBe(false);
  });

  it('accept any one of several signatures, so a secret can be rotated without a gap', () => {
    const headers = { ...signed(), [webhookHeaders.signature]: `${signWebhook('the-old-secret-0000', timestamp, rawBody)}, ${signWebhook(secret, timestamp, rawBody)}` };
    expect(verifyWebhookSignature(secret, headers, rawBody, timestamp)).toBe(true);
  });
});
