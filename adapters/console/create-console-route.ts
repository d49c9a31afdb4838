import type { IncomingMessage, ServerResponse } from 'node:http';
import { findPerson } from '../../src/directory/find-person.ts';
import { PolicyDeskError } from '../../src/errors.ts';
import type { Route } from '../../src/http/create-http-server.ts';
import type { ConsoleContext, Viewer } from './console-context.ts';
import { createAuditChainWatch } from '../../src/audit/create-audit-chain-watch.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { cookie, parseCookies } from './cookies.ts';
import { checkCsrf, csrfToken } from './csrf.ts';
import { messagePage } from './layout.ts';
import { localSignInRefusal } from './local-sign-in.ts';
import { createOidcClient } from './oidc/create-oidc-client.ts';
import { randomToken } from './oidc/pkce.ts';
import { readFormBody } from './read-form-body.ts';
import { redirect, sendHtml } from './respond.ts';
import { postAction, postForm, postMessage } from './routes/chat-routes.ts';
import { getAudit, getFreshness, getPlayground, getQueue, getRegister, getTrends } from './routes/page-routes.ts';
import { getOidcCallback, getOidcStart, getSignIn, postLocalSignIn, postSignOut } from './routes/sign-in-routes.ts';
import { browserCookieName, decodeSession, sessionCookieName } from './session.ts';
import { signedOut } from './sign-outs.ts';
import { sendStaticFile } from './static-files.ts';

/** Where the identity provider sends people back; the redirect URL must end with it. */
export const oidcCallbackPath = '/console/auth/callback';

type Handler = (ctx: ConsoleContext) => Promise<void> | void;
type SignedInHandler = (ctx: ConsoleContext, viewer: Viewer) => Promise<void> | void;

/** The signed-in person of a request: a valid session for this browser, not signed out, whose person is still in the directory (a local session only where local sign-in is allowed). */
function viewerOf(deps: ConsoleDeps, request: IncomingMessage, cookies: Map<string, string>, sid: string): Viewer | undefined {
  const session = decodeSession(deps.sessionSecret, cookies.get(sessionCookieName), sid, deps.now());
  if (!session) return undefined;
  if (session.via === 'local' && localSignInRefusal(deps, request)) return undefined;
  if (signedOut(deps.db, sid)) return undefined;
  const person = findPerson(deps.db, session.tenant, 'id', session.personId);
  return person && { tenant: session.tenant, person, via: session.via };
}

/** A POST from another site: its Origin, when the browser sends one, is not this host. */
function crossOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * The console, mounted on the service's HTTP server under /console (and `/`
 * redirects there): sign-in (local or OpenID Connect), the chat playground,
 * the reviewer queue, the exception register, audit search, policy
 * freshness and trends. Pages are rendered on the server with every value
 * escaped; every POST needs the CSRF token of the browser's id; what a
 * person may open follows the tenant's access rules.
 */
export function createConsoleRoute(deps: ConsoleDeps): Route {
  const oidc = deps.oidc ? createOidcClient(deps.oidc, deps.fetch) : undefined;
  const auditChain = createAuditChainWatch(deps.db, { now: deps.now });
  const secure = deps.oidc?.redirectUrl.startsWith('https:') ?? false;

  const signedIn = (handler: SignedInHandler): Handler => (ctx) => {
    if (ctx.viewer) return handler(ctx, ctx.viewer);
    if (ctx.request.method === 'GET') return redirect(ctx, '/console/sign-in', 302);
    sendHtml(ctx, 401, messagePage(ctx, 'Signed out', 'Your session has ended; sign in again.', { link: { href: '/console/sign-in', label: 'Sign in' } }));
  };

  const routes: Record<string, Partial<Record<'GET' | 'POST', Handler>>> = {
    '/console': { GET: (ctx) => redirect(ctx, ctx.viewer ? '/console/playground' : '/console/sign-in', 302) },
    '/console/sign-in': { GET: getSignIn },
    '/console/sign-in/local': { POST: postLocalSignIn },
    '/console/sign-in/oidc': { GET: (ctx) => getOidcStart(ctx, oidc) },
    [oidcCallbackPath]: { GET: (ctx) => getOidcCallback(ctx, oidc) },
    '/console/sign-out': { POST: postSignOut },
    '/console/playground': { GET: signedIn(getPlayground) },
    '/console/queue': { GET: signedIn(getQueue) },
    '/console/exceptions': { GET: signedIn(getRegister) },
    '/console/audit': { GET: signedIn(getAudit) },
    '/console/freshness': { GET: signedIn(getFreshness) },
    '/console/trends': { GET: signedIn(getTrends) },
    '/console/chat/message': { POST: signedIn(postMessage) },
    '/console/chat/action': { POST: signedIn(postAction) },
    '/console/chat/form': { POST: signedIn(postForm) },
  };

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    const cookies = parseCookies(request);
    const setCookies: string[] = [];
    let sid = cookies.get(browserCookieName);
    const hadSid = sid !== undefined && /^[\w-]{20,100}$/.test(sid);
    if (!hadSid) {
      sid = randomToken();
      setCookies.push(cookie(browserCookieName, sid, { secure }));
    }
    const ctx: ConsoleContext = {
      deps,
      auditChain,
      request,
      response,
      url,
      sid: sid!,
      csrf: csrfToken(deps.sessionSecret, sid!),
      viewer: hadSid ? viewerOf(deps, request, cookies, sid!) : undefined,
      form: new URLSearchParams(),
      cookies,
      setCookies,
      secure,
    };
    const methods = routes[path];
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const handler = methods?.[method as 'GET' | 'POST'];
    if (!methods) return sendHtml(ctx, 404, messagePage(ctx, 'Not found', `There is no console page at ${url.pathname}.`, { link: { href: '/console/', label: 'Console home' } }));
    if (!handler) {
      ctx.response.setHeader('allow', Object.keys(methods).join(', '));
      return sendHtml(ctx, 405, messagePage(ctx, 'Not allowed', `${request.method} is not accepted here.`));
    }
    if (method === 'POST') {
      // Every POST: the token of this browser's id, from a page of this site.
      try {
        ctx.form = await readFormBody(request);
      } catch (error) {
        if (!(error instanceof PolicyDeskError)) throw error;
        return sendHtml(ctx, error.message.includes('larger') ? 413 : 415, messagePage(ctx, 'Not accepted', error.message));
      }
      if (!hadSid || crossOrigin(request) || !checkCsrf(deps.sessionSecret, sid, ctx.form.get('_csrf') ?? undefined)) {
        deps.logger.warn('console: POST refused (CSRF)', { path });
        return sendHtml(ctx, 403, messagePage(ctx, 'Refused', 'This form did not come from a console page opened in this browser (its security token is missing or wrong). Reload the page and try again.', { link: { href: '/console/', label: 'Console home' } }));
      }
    }
    await handler(ctx);
  }

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(302, { location: '/console/' });
      response.end();
      return true;
    }
    if (url.pathname !== '/console' && !url.pathname.startsWith('/console/')) return false;
    if (url.pathname.startsWith('/console/static/')) {
      if (!sendStaticFile(response, url.pathname.slice('/console/static/'.length))) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('not found');
      }
      return true;
    }
    try {
      await handle(request, response, url);
    } catch (error) {
      deps.logger.error('console request failed', { url: request.url, error: (error as Error).message, stack: (error as Error).stack });
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end('<!doctype html><title>Error · Policy Desk</title><h1>Something went wrong</h1><p>The request failed; the service log has the details. <a href="/console/">Back to the console</a></p>');
      } else response.end();
    }
    return true;
  };
}
