import { utcMinute } from './utc-minute.ts';

/**
 * Every failure Policy Desk reports carries a stable string `code` (for scripts,
 * logs and adapters) and, where there is one, the underlying `cause`.
 */
export class PolicyDeskError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** Configuration (environment or files) is missing or malformed. */
export class ConfigError extends PolicyDeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('config_invalid', message, options);
  }
}

/** A policy file a customer brought cannot be used; names the file and field. */
export class PolicyFileError extends PolicyDeskError {
  readonly file: string;
  readonly field: string | undefined;
  /** The message without the file and field; private, so not printed as a field of a JSON error. */
  readonly #problem: string;

  constructor(file: string, field: string | undefined, message: string, options: { cause?: unknown } = {}) {
    super('policy_file_invalid', `${file}${field ? ` (${field})` : ''}: ${message}`, options);
    this.file = file;
    this.field = field;
    this.#problem = message;
  }

  /** The same error naming the file otherwise (relative to the folder ingested, say). */
  withFile(file: string): PolicyFileError {
    return new PolicyFileError(file, this.field, this.#problem, { cause: this.cause });
  }
}

/** A directory file (who people are) cannot be used. */
export class DirectoryError extends PolicyDeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('directory_invalid', message, options);
  }
}

/** The caller used the command line or an API wrongly. */
export class UsageError extends PolicyDeskError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** The database holds something the code does not expect (a failed zod parse of a row, a bad migration). */
export class StorageError extends PolicyDeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('storage', message, options);
  }
}

/** A language model answered with something that is not usable. */
export class ModelOutputError extends PolicyDeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('model_output_invalid', message, options);
  }
}

/** The person may not do this; names the rule that refused and why. */
export class NotAllowedError extends PolicyDeskError {
  readonly rule: string;
  readonly reason: string;

  constructor(rule: string, reason: string) {
    super('not_allowed', reason);
    this.rule = rule;
    this.reason = reason;
  }
}

/** A decision on something already decided: says who decided and when. */
export class AlreadyDecidedError extends PolicyDeskError {
  readonly status: string;
  readonly decidedBy: string | undefined;
  readonly decidedAt: string | undefined;

  /** `decidedBy` is the decider's directory id; `decidedByName`, when known, is how the message names them. */
  constructor(status: string, decidedBy: string | undefined, decidedAt: string | undefined, decidedByName?: string) {
    const who = decidedByName ?? decidedBy;
    const when = decidedAt ? utcMinute(decidedAt) : undefined;
    super('already_decided', `This request is already ${status}${who ? ` by ${who}` : ''}${when ? ` at ${when}` : ''}.`);
    this.status = status;
    this.decidedBy = decidedBy;
    this.decidedAt = decidedAt;
  }
}

/** Something named does not exist (or is not visible to the caller, which must look the same). */
export class NotFoundError extends PolicyDeskError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** The person acting is not in the tenant's directory: refused, as `ask` refuses them (exit code 3). */
export class UnknownPersonError extends PolicyDeskError {
  constructor(message = "I couldn't find you in your company's directory.") {
    super('unknown_user', message);
  }
}

/** A request that is well-formed but not acceptable (a missing reason, a date in the past...). */
export class InvalidRequestError extends PolicyDeskError {
  readonly field: string | undefined;

  constructor(field: string | undefined, message: string) {
    super('invalid_request', message);
    this.field = field;
  }
}
