import { timingSafeEqual } from 'node:crypto';
import { mac } from './signed-value.ts';

/**
 * The CSRF token of a browser id: an HMAC of it, so the server keeps no
 * state and another site, which cannot read our cookies, cannot compute it.
 * Every form the console renders carries it; every POST is checked.
 */
export const csrfToken = (secret: string, sid: string) => mac(secret, `csrf:${sid}`);

/** Whether a submitted token is the one of this browser id. */
export function checkCsrf(secret: string, sid: string | undefined, submitted: string | undefined): boolean {
  if (!sid || !submitted) return false;
  const expected = Buffer.from(csrfToken(secret, sid));
  const given = Buffer.from(submitted);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
