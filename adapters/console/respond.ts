import type { ConsoleContext } from './console-context.ts';
import type { SafeHtml } from './html.ts';

/**
 * Same-origin everything: the console loads only its own styles and script,
 * no inline script, and may not be framed (clickjacking of Approve).
 */
const securityHeaders = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

function headers(ctx: ConsoleContext, extra: Record<string, string>): Record<string, string | string[]> {
  return { ...securityHeaders, ...extra, ...(ctx.setCookies.length > 0 ? { 'set-cookie': ctx.setCookies } : {}) };
}

/** Sends a page. */
export function sendHtml(ctx: ConsoleContext, status: number, body: SafeHtml): void {
  ctx.response.writeHead(status, headers(ctx, { 'content-type': 'text/html; charset=utf-8' }));
  ctx.response.end(`<!doctype html>\n${body.value}`);
}

/** Redirects (303 after a POST, so a reload never submits twice). */
export function redirect(ctx: ConsoleContext, location: string, status = 303): void {
  ctx.response.writeHead(status, headers(ctx, { location }));
  ctx.response.end();
}

/**
 * A console path to come back to after a POST, from a form field: only a
 * path under /console (never another site, nor `//host`).
 */
export function safeBack(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/console') || value.startsWith('//') || /[\\\r\n]/.test(value)) return fallback;
  return value;
}
