import { z } from 'zod';
import { readSignedValue, signValue } from './signed-value.ts';

/** Who is signed in to the console, kept in a signed cookie. */
export const sessionSchema = z.object({
  tenant: z.string().min(1),
  personId: z.string().min(1),
  via: z.enum(['local', 'oidc']),
  /** The browser id (`pd_sid`) it was issued to: a session cookie moved to another browser id is void. */
  sid: z.string().min(1),
  /** Expiry, milliseconds since the epoch. */
  exp: z.number(),
});

export type Session = z.infer<typeof sessionSchema>;

export const sessionCookieName = 'pd_session';
export const browserCookieName = 'pd_sid';
/** How long a console session lasts. */
export const sessionHours = 8;

export const encodeSession = (secret: string, session: Session) => signValue(secret, session);

/** The session in a cookie, when its signature holds, it belongs to this browser id and it has not expired. */
export function decodeSession(secret: string, value: string | undefined, sid: string, now: Date): Session | undefined {
  const parsed = sessionSchema.safeParse(readSignedValue(secret, value));
  if (!parsed.success) return undefined;
  if (parsed.data.sid !== sid || parsed.data.exp <= now.getTime()) return undefined;
  return parsed.data;
}
