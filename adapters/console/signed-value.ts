import { createHmac, timingSafeEqual } from 'node:crypto';

/** `base64url(JSON) + "." + base64url(HMAC-SHA256(secret, that))`: a value the browser keeps but cannot change. */
export function signValue(secret: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The value inside a signed string, or undefined when it is malformed or its signature does not match. */
export function readSignedValue(secret: string, signed: string | undefined): unknown {
  if (!signed) return undefined;
  const [payload, signature, extra] = signed.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** HMAC-SHA256 of `text` under `secret`, base64url. */
export function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}
