import { PolicyDeskError } from '../../src/errors.ts';

/** A request to /api/messages refused before any work: not from the Bot Connector, malformed, too large. */
export class TeamsRequestRejected extends PolicyDeskError {
  readonly status: number;

  constructor(status: number, message: string, options: { cause?: unknown } = {}) {
    super('teams_request_rejected', message, options);
    this.status = status;
  }
}

/**
 * A Bot Connector call that had no answer within its deadline (a hung
 * connection): whether it was done is unknown, like a dropped connection.
 */
export class ConnectorTimeout extends PolicyDeskError {
  readonly request: { url: string; method: string };

  constructor(request: { url: string; method: string }, timeoutMs: number, options: { cause?: unknown } = {}) {
    super('connector_timeout', `the Bot Connector did not answer ${request.method} ${new URL(request.url).pathname} within ${timeoutMs} ms`, options);
    this.request = { url: request.url, method: request.method };
  }
}

const statusOf = (error: unknown): number | undefined => {
  const candidate = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  const status = candidate?.statusCode ?? candidate?.status ?? candidate?.response?.status;
  return typeof status === 'number' ? status : undefined;
};

/**
 * What authenticating a request threw, as the response: 401 for every
 * token that does not prove the Bot Connector sent it (botbuilder throws its
 * AuthenticationError for some, and jsonwebtoken's own errors for others,
 * such as `alg: none`), 503 when the signing keys could not be fetched (the
 * token may be good; the Bot Connector retries).
 */
export function authenticationFailure(error: unknown): TeamsRequestRejected {
  const message = (error as Error)?.message ?? String(error);
  const keysUnavailable = (statusOf(error) ?? 0) >= 500 || (error as { name?: string })?.name === 'FetchError';
  return keysUnavailable
    ? new TeamsRequestRejected(503, `the Bot Framework signing keys could not be fetched: ${message}`, { cause: error })
    : new TeamsRequestRejected(401, `unauthenticated: ${message}`, { cause: error });
}

/**
 * The one place that describes what botbuilder or the Bot Connector threw,
 * for logs and for deciding what to do: its HTTP status when the connector
 * answered, its code, and whether trying later may work.
 */
export function describeTeamsFailure(error: unknown): { status: number | undefined; code: string; error: string; retryable: boolean } {
  const status = statusOf(error);
  const code = String((error as { code?: unknown })?.code ?? (status ? `http_${status}` : 'unknown'));
  const message = (error as Error)?.message ?? String(error);
  const retryable = status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
  return { status, code, error: message, retryable };
}
