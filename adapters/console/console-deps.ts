import type { IncomingMessage } from 'node:http';
import type { Answerer } from '../../src/answers/answerer.ts';
import type { ChatDeps } from '../../src/chat/chat-handlers.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { SemanticRetriever } from '../../src/retrieval/semantic/create-semantic-retriever.ts';
import type { Db } from '../../src/storage/open-database.ts';

/** OpenID Connect sign-in: one identity provider, whose people belong to one tenant. */
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; redirectUrl: string; tenant: string };

/** What the console needs; everything from outside is injected. */
export type ConsoleDeps = {
  db: Db;
  answerer: Answerer;
  semantic?: SemanticRetriever;
  logger: Logger;
  now: () => Date;
  /** The interface the service listens on: local sign-in is offered only when it is loopback. */
  listenHost: string;
  /** Signs session cookies and CSRF tokens. */
  sessionSecret: string;
  /** When set, people sign in with OpenID Connect and local sign-in is off. */
  oidc?: OidcSettings;
  /** For the identity provider's discovery document, keys and token endpoint. */
  fetch?: typeof fetch;
  /** Announcement drafting for the router (the drafter, channel members for publishing). */
  comms?: ChatDeps['comms'];
  /** Called after the router committed outbox events, so notifiers (Slack) tell people now. */
  afterCommit?: () => void;
  /** The peer address of a request (the socket's, unless a test plays a remote client). */
  remoteAddress?: (request: IncomingMessage) => string | undefined;
};
