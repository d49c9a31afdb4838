import { PolicyDeskError } from '../../../src/errors.ts';

/** Signing in with the identity provider failed; the message says why, for the person and the log. */
export class OidcError extends PolicyDeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('oidc_failed', message, options);
  }
}
