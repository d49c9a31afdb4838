import type { IncomingMessage } from 'node:http';
import type { ConsoleDeps } from './console-deps.ts';
import { isLoopbackAddress, isLoopbackHost, isLoopbackHostHeader } from './loopback.ts';

/**
 * Why local sign-in (pick any directory person, no password) is refused for
 * this request, or undefined when it is allowed. It is allowed only without
 * OpenID Connect, with the service listening on loopback, for a request from
 * loopback addressed to a loopback name: nobody on another machine, and no
 * web page under another name (DNS rebinding), can become someone.
 */
export function localSignInRefusal(deps: ConsoleDeps, request: IncomingMessage): string | undefined {
  if (deps.oidc) return `This console signs people in with ${deps.oidc.issuer}.`;
  if (!isLoopbackHost(deps.listenHost)) {
    return `Local sign-in is only available when Policy Desk listens on loopback (HOST=127.0.0.1); it listens on ${deps.listenHost}. To sign people in from other machines, configure OpenID Connect (CONSOLE_OIDC_ISSUER and the other CONSOLE_OIDC_ variables).`;
  }
  const remote = deps.remoteAddress ? deps.remoteAddress(request) : request.socket.remoteAddress;
  if (!isLoopbackAddress(remote)) return `Local sign-in only accepts requests from this machine; yours came from ${remote ?? 'an unknown address'}.`;
  if (!isLoopbackHostHeader(request.headers.host)) {
    return `Local sign-in only answers pages opened as localhost or 127.0.0.1; this one was opened as ${request.headers.host ?? '(no host)'}.`;
  }
  return undefined;
}
