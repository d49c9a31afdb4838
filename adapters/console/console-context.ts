import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditChainWatch } from '../../src/audit/create-audit-chain-watch.ts';
import type { Person } from '../../src/directory/find-person.ts';
import type { ConsoleDeps } from './console-deps.ts';

/** The signed-in directory person. */
export type Viewer = { tenant: string; person: Person; via: 'local' | 'oidc' };

/** One console request as its handler sees it. */
export type ConsoleContext = {
  deps: ConsoleDeps;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** The browser id (cookie `pd_sid`), made on the first visit. */
  sid: string;
  /** The CSRF token every form on the page carries. */
  csrf: string;
  viewer: Viewer | undefined;
  /** The submitted form of a POST (already CSRF-checked). */
  form: URLSearchParams;
  cookies: Map<string, string>;
  /** Set-Cookie values to send with the response. */
  setCookies: string[];
  /** Whether cookies get `Secure` (the console is reached over HTTPS). */
  secure: boolean;
  /** The audit chain's status, checked in full at most every few minutes. */
  auditChain: AuditChainWatch;
};
