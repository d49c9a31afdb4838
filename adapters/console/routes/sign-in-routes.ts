import { z } from 'zod';
import { findPerson, type Person } from '../../../src/directory/find-person.ts';
import { listDirectoryPeople, listTenants } from '../../../src/reports/list-directory-people.ts';
import type { ConsoleContext } from '../console-context.ts';
import { cookie } from '../cookies.ts';
import { messagePage } from '../layout.ts';
import { localSignInRefusal } from '../local-sign-in.ts';
import type { OidcClient } from '../oidc/create-oidc-client.ts';
import { OidcError } from '../oidc/oidc-error.ts';
import { createPkcePair, randomToken } from '../oidc/pkce.ts';
import { localSignInPage, oidcSignInPage } from '../pages/sign-in-page.ts';
import { redirect, safeBack, sendHtml } from '../respond.ts';
import { browserCookieName, encodeSession, sessionCookieName, sessionHours } from '../session.ts';
import { readSignedValue, signValue } from '../signed-value.ts';
import { recordSignOut } from '../sign-outs.ts';

const oidcCookieName = 'pd_oidc';
const pendingSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), exp: z.number() });

/** Starts a session for a directory person: a fresh browser id (no fixation) and a signed session cookie. */
function startSession(ctx: ConsoleContext, tenant: string, person: Person, via: 'local' | 'oidc', back: string): void {
  const sid = randomToken();
  const exp = ctx.deps.now().getTime() + sessionHours * 3_600_000;
  ctx.setCookies.push(cookie(browserCookieName, sid, { secure: ctx.secure }));
  ctx.setCookies.push(cookie(sessionCookieName, encodeSession(ctx.deps.sessionSecret, { tenant, personId: person.id, via, sid, exp }), { secure: ctx.secure, maxAgeSeconds: sessionHours * 3600 }));
  ctx.deps.logger.info('console sign-in', { tenant, person: person.id, via });
  redirect(ctx, back);
}

export function getSignIn(ctx: ConsoleContext): void {
  const { deps } = ctx;
  if (deps.oidc) return sendHtml(ctx, 200, oidcSignInPage(ctx, deps.oidc.issuer));
  const refusal = localSignInRefusal(deps, ctx.request);
  if (refusal) return sendHtml(ctx, 403, messagePage(ctx, 'Sign-in not available', refusal));
  const directory = listTenants(deps.db).map((tenant) => ({ tenant, people: listDirectoryPeople(deps.db, tenant) }));
  sendHtml(ctx, 200, localSignInPage(ctx, directory));
}

/** Local mode: become the chosen directory person, from this machine only. */
export function postLocalSignIn(ctx: ConsoleContext): void {
  const refusal = localSignInRefusal(ctx.deps, ctx.request);
  if (refusal) return sendHtml(ctx, 403, messagePage(ctx, 'Sign-in not available', refusal));
  const who = ctx.form.get('who') ?? '';
  const slash = who.indexOf('/');
  const person = slash > 0 ? findPerson(ctx.deps.db, who.slice(0, slash), 'id', who.slice(slash + 1)) : undefined;
  if (!person) return sendHtml(ctx, 400, messagePage(ctx, 'Sign in', `Nobody called "${who}" is in a loaded directory.`, { link: { href: '/console/sign-in', label: 'Choose again' } }));
  startSession(ctx, person.tenant, person, 'local', safeBack(ctx.form.get('back'), '/console/playground'));
}

export function postSignOut(ctx: ConsoleContext): void {
  if (ctx.viewer) recordSignOut(ctx.deps.db, ctx.viewer.tenant, ctx.sid, ctx.deps.now());
  ctx.setCookies.push(cookie(sessionCookieName, '', { secure: ctx.secure, maxAgeSeconds: 0 }));
  ctx.setCookies.push(cookie(browserCookieName, randomToken(), { secure: ctx.secure }));
  redirect(ctx, '/console/sign-in');
}

/** OpenID Connect, step 1: remember state, nonce and the PKCE verifier (signed, ten minutes) and send the browser to the provider. */
export async function getOidcStart(ctx: ConsoleContext, client: OidcClient | undefined): Promise<void> {
  if (!client) return redirect(ctx, '/console/sign-in', 302);
  const state = randomToken();
  const nonce = randomToken();
  const { verifier, challenge } = createPkcePair();
  let location: string;
  try {
    location = await client.authorizationUrl({ state, nonce, codeChallenge: challenge });
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    ctx.deps.logger.warn('console sign-in failed', { error: error.message });
    return sendHtml(ctx, 502, messagePage(ctx, 'Sign-in failed', `The identity provider could not be reached: ${error.message}`));
  }
  const pending = { state, nonce, verifier, exp: ctx.deps.now().getTime() + 10 * 60_000 };
  ctx.setCookies.push(cookie(oidcCookieName, signValue(ctx.deps.sessionSecret, pending), { secure: ctx.secure, maxAgeSeconds: 600 }));
  redirect(ctx, location, 302);
}

/**
 * OpenID Connect, step 2: the provider sends the browser back with a code.
 * The state must be the one this browser was given; the code is exchanged
 * with the PKCE verifier; the id token is verified (signature, issuer,
 * audience, expiry, nonce); its email, or Entra object id, names the person
 * in the tenant's directory.
 */
export async function getOidcCallback(ctx: ConsoleContext, client: OidcClient | undefined): Promise<void> {
  const { deps } = ctx;
  if (!client || !deps.oidc) return redirect(ctx, '/console/sign-in', 302);
  const again = { link: { href: '/console/sign-in', label: 'Try again' } };
  const pending = pendingSchema.safeParse(readSignedValue(deps.sessionSecret, ctx.cookies.get(oidcCookieName)));
  ctx.setCookies.push(cookie(oidcCookieName, '', { secure: ctx.secure, maxAgeSeconds: 0 }));
  const params = ctx.url.searchParams;
  if (params.get('error')) return sendHtml(ctx, 401, messagePage(ctx, 'Sign-in failed', `The identity provider refused: ${params.get('error')}${params.get('error_description') ? ` (${params.get('error_description')})` : ''}`, again));
  if (!pending.success || pending.data.exp < deps.now().getTime()) return sendHtml(ctx, 400, messagePage(ctx, 'Sign-in failed', 'This sign-in has expired or was started in another browser.', again));
  if (params.get('state') !== pending.data.state) return sendHtml(ctx, 400, messagePage(ctx, 'Sign-in failed', 'The sign-in answer does not belong to this sign-in (state mismatch).', again));
  const code = params.get('code');
  if (!code) return sendHtml(ctx, 400, messagePage(ctx, 'Sign-in failed', 'The identity provider sent no authorization code.', again));
  try {
    const claims = await client.finishSignIn({ code, codeVerifier: pending.data.verifier, nonce: pending.data.nonce, now: deps.now() });
    const tenant = deps.oidc.tenant;
    const email = claims.email ?? (claims.preferred_username?.includes('@') ? claims.preferred_username : undefined);
    const person = (email ? findPerson(deps.db, tenant, 'email', email) : undefined) ?? (claims.oid ? findPerson(deps.db, tenant, 'teamsId', claims.oid) : undefined);
    if (!person) {
      deps.logger.warn('console sign-in: not in the directory', { tenant, email, oid: claims.oid });
      return sendHtml(ctx, 403, messagePage(ctx, 'Not in the directory', `You signed in as ${email ?? claims.sub}, but nobody with that email or account id is in the ${tenant} directory.`, again));
    }
    startSession(ctx, tenant, person, 'oidc', '/console/playground');
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    deps.logger.warn('console sign-in failed', { error: error.message });
    sendHtml(ctx, 401, messagePage(ctx, 'Sign-in failed', error.message, again));
  }
}
