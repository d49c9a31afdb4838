import { PolicyDeskError } from '../../src/errors.ts';

/** A request to /slack/events that is not from Slack: unsigned, forged, expired or replayed outside the window. */
export class SlackRequestRejected extends PolicyDeskError {
  readonly status: number;

  constructor(status: number, message: string, options: { cause?: unknown } = {}) {
    super('slack_request_rejected', message, options);
    this.status = status;
  }
}

/** Refusals about the app's own token: nothing goes through until an admin fixes it, so they are not about one target. */
const credentialErrors = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'missing_scope']);

/**
 * Whether Slack refused a call about its target (its answer `ok: false`,
 * such as channel_not_found, not_in_channel, is_archived): trying again
 * will not change it, unlike a network failure, a 5xx, a rate limit or a
 * token that needs fixing.
 */
export function isSlackRefusal(error: unknown): boolean {
  const failure = error as { code?: string; data?: { error?: string } } | undefined;
  return failure?.code === 'slack_webapi_platform_error' && !credentialErrors.has(failure.data?.error ?? '');
}
