import { PolicyDeskError } from '../errors.ts';

/** A rules file a customer brought (`access.yml`, `routing.yml`) cannot be used; names the file and field. */
export class RulesFileError extends PolicyDeskError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, message: string, options: { cause?: unknown } = {}) {
    super('rules_file_invalid', `${file}${field ? ` (${field})` : ''}: ${message}`, options);
    this.file = file;
    this.field = field;
  }
}
