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

  constructor(file: string, field: string | undefined, message: string, options: { cause?: unknown } = {}) {
    super('policy_file_invalid', `${file}${field ? ` (${field})` : ''}: ${message}`, options);
    this.file = file;
    this.field = field;
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
