import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { OidcSettings } from '../../../adapters/console/console-deps.ts';
import { createConsoleRoute } from '../../../adapters/console/create-console-route.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { createHttpServer } from '../../../src/http/create-http-server.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import type { Db } from '../../../src/storage/open-database.ts';

export const sessionSecret = 'test-console-session-secret-0123456789abcdef';

/** Starts the service's real HTTP server with the console mounted, on a free loopback port; closed when the test ends. */
export async function startConsole(
  db: Db,
  options: { listenHost?: string; remoteAddress?: (request: IncomingMessage) => string | undefined; oidc?: OidcSettings; now?: () => Date } = {},
): Promise<{ base: string }> {
  const route = createConsoleRoute({
    db,
    answerer: createOfflineAnswerer(),
    logger: createLogger('silent'),
    now: options.now ?? (() => new Date()),
    listenHost: options.listenHost ?? '127.0.0.1',
    sessionSecret,
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  const server = createHttpServer({ db, logger: createLogger('silent'), routes: [route] });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export type Page = { status: number; location: string | null; text: string; headers: Headers };

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]!);

/** The forms' own descriptions (`spec`) on a page, parsed: what a browser would post back. */
export function formSpecs(page: string): { id: string; title: string; value: Record<string, string> }[] {
  return [...page.matchAll(/name="spec" value="([^"]*)"/g)].map((match) => JSON.parse(unescapeHtml(match[1]!)));
}

/**
 * A browser without a browser: keeps cookies, picks up the CSRF token of the
 * last page, and does not follow redirects (tests look at them).
 */
export function createBrowser(base: string) {
  const jar = new Map<string, string>();
  let csrf: string | undefined;

  async function request(method: string, path: string, body?: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const response = await fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(jar.size > 0 ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(body ? { body: new URLSearchParams(body).toString() } : {}),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      if (/Max-Age=0/i.test(setCookie)) jar.delete(name);
      else jar.set(name, pair!.slice(index + 1));
    }
    const text = await response.text();
    const token = text.match(/name="_csrf" value="([^"]+)"/);
    if (token) csrf = token[1];
    return { status: response.status, location: response.headers.get('location'), text, headers: response.headers };
  }

  const browser = {
    jar,
    get csrf() {
      return csrf;
    },
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    /** POSTs a form with this page's CSRF token unless `_csrf` is given (or set to '' to leave it out). */
    post: (path: string, fields: Record<string, string>, headers?: Record<string, string>) => {
      const withToken = '_csrf' in fields ? fields : { _csrf: csrf ?? '', ...fields };
      if (withToken._csrf === '') delete (withToken as Record<string, string>)._csrf;
      return request('POST', path, withToken, headers);
    },
    /** GET the place a redirect points to. */
    follow: (page: Page) => request('GET', page.location!),
    /** Local sign-in as `tenant/person`, then the page it leads to (as a browser would, which renews the CSRF token); returns the redirect. */
    async signIn(who: string): Promise<Page> {
      await browser.get('/console/sign-in');
      const redirect = await browser.post('/console/sign-in/local', { who, back: '/console/playground' });
      if (redirect.location) await browser.follow(redirect);
      return redirect;
    },
    /** Sends a chat message from the playground; returns the playground after it. */
    async say(text: string): Promise<Page> {
      const sent = await browser.post('/console/chat/message', { text, back: '/console/playground' });
      return browser.follow(sent);
    },
  };
  return browser;
}
