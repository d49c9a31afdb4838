import type { IncomingMessage } from 'node:http';

/** The request's cookies by name (the first of a repeated name wins). */
export function parseCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed value is as good as none.
    }
  }
  return cookies;
}

/**
 * A Set-Cookie value: always HttpOnly, SameSite=Lax and scoped to the console;
 * Secure when the console is served over HTTPS. `maxAge` 0 clears it.
 */
export function cookie(name: string, value: string, options: { maxAgeSeconds?: number; secure: boolean; path?: string }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/console'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
