import { parseArgs } from 'node:util';
import { UsageError } from '../../src/errors.ts';

export const usage = `Usage:
  policy-desk ingest DIR --tenant T [--db FILE] [--directory FILE]
  policy-desk ask --tenant T --as USER [--db FILE] [--directory FILE] [--json] "QUESTION"
  policy-desk ask --json --batch [--db FILE] [--directory ROOT]   < questions.jsonl
  policy-desk directory load FILE --tenant T [--db FILE]

Options:
  --db FILE         SQLite database (default: $DATABASE_FILE or ./data/policy-desk.db)
  --directory PATH  the tenant's directory file; for --batch, a folder holding <tenant>/directory.yml
  --json            print JSON (one object; one line per question with --batch)
`;

const options = {
  tenant: { type: 'string' },
  as: { type: 'string' },
  db: { type: 'string' },
  directory: { type: 'string' },
  json: { type: 'boolean', default: false },
  batch: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type Command = {
  name: string;
  positionals: string[];
  tenant: string | undefined;
  as: string | undefined;
  db: string | undefined;
  directory: string | undefined;
  json: boolean;
  batch: boolean;
  help: boolean;
};

/** Parses argv (without node and the script) into a command, or throws a UsageError naming the problem. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [name = 'help', ...positionals] = parsed.positionals;
  const { values } = parsed;
  return {
    name,
    positionals,
    tenant: values.tenant,
    as: values.as,
    db: values.db,
    directory: values.directory,
    json: values.json ?? false,
    batch: values.batch ?? false,
    help: values.help ?? false,
  };
}

/** The option's value, or a UsageError saying it is needed. */
export function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}
