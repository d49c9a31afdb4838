import { parseArgs } from 'node:util';
import { UsageError } from '../../src/errors.ts';
import { draftUsage } from './draft-usage.ts';
import { exceptionUsage } from './exception-usage.ts';
import { lifecycleUsage } from './lifecycle-usage.ts';
import { rulesUsage } from './rules-usage.ts';

export const usage = `Usage:
  policy-desk ingest DIR --tenant T [--db FILE] [--directory FILE] [--json]
  policy-desk ask --tenant T --as USER [--db FILE] [--directory FILE] [--json] "QUESTION"
  policy-desk ask --json --batch [--db FILE] [--directory ROOT]   < questions.jsonl
  policy-desk directory load FILE --tenant T [--db FILE]
${exceptionUsage}${draftUsage}${lifecycleUsage}${rulesUsage}  policy-desk audit verify [--db FILE] [--json] [--expect-head HASH]
  policy-desk audit export [--tenant T] [--since TIME] [--until TIME] [--db FILE]   > audit.jsonl
  policy-desk outbox list [--tenant T] [--status pending|delivered|dead] [--db FILE] [--json]
  policy-desk outbox retry ID|--dead [--tenant T] [--db FILE] [--json]
  policy-desk outbox deliver [--db FILE] [--json]   (targets from $WEBHOOKS_FILE)

Options:
  --db FILE         SQLite database (default: $DATABASE_FILE or ./data/policy-desk.db)
  --directory PATH  the tenant's directory file; for --batch, a folder holding <tenant>/directory.yml
  --json            print JSON (one object; one line per question with --batch)
  --since, --until TIME  audit export: events at or after --since and before --until (ISO 8601; a date alone is midnight UTC)
  --expect-head HASH     audit verify: a head hash recorded outside the database earlier must still be in the chain
  --dead                 outbox retry: every dead message (of --tenant, when given) back to pending
  --version              on its own (policy-desk --version): the version of policy-desk
`;

/**
 * The commands runCli runs. Named here too so that a mistyped one is a usage
 * error saying so, rather than the usage alone.
 */
export const commandNames = ['ingest', 'ask', 'directory', 'audit', 'exception', 'draft', 'outbox', 'rules', 'diff', 'freshness', 'ack'] as const;
export type CommandName = (typeof commandNames)[number];

const options = {
  tenant: { type: 'string' },
  as: { type: 'string' },
  db: { type: 'string' },
  directory: { type: 'string' },
  json: { type: 'boolean', default: false },
  batch: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // exception
  policy: { type: 'string' },
  section: { type: 'string' },
  clause: { type: 'string' },
  justification: { type: 'string' },
  amount: { type: 'string' },
  currency: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  evidence: { type: 'string', multiple: true },
  reason: { type: 'string' },
  expires: { type: 'string' },
  status: { type: 'string' },
  // draft (also --reason, --status)
  tone: { type: 'string' },
  location: { type: 'string', multiple: true },
  department: { type: 'string', multiple: true },
  role: { type: 'string', multiple: true },
  note: { type: 'string', multiple: true },
  file: { type: 'string' },
  text: { type: 'string' },
  version: { type: 'string' },
  comment: { type: 'string' },
  channel: { type: 'string', multiple: true },
  at: { type: 'string' },
  found: { type: 'string' },
  // outbox (also --status)
  dead: { type: 'boolean', default: false },
  // audit
  since: { type: 'string' },
  until: { type: 'string' },
  'expect-head': { type: 'string' },
  // diff (also --from, --to), freshness, ack (also --version, --department, --location, --role)
  jurisdiction: { type: 'string' },
  within: { type: 'string' },
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
  /** Every option as parsed, for commands with options of their own. */
  options: Record<string, string | boolean | (string | boolean)[] | undefined>;
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
  if (name !== 'help' && !commandNames.some((known) => known === name)) throw new UsageError(`unknown command "${name}"`);
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
    options: values,
  };
}

/** A string option of a command's own, or undefined. */
export function optionText(command: Command, name: string): string | undefined {
  const value = command.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string option that must be one of `allowed` (a typo would otherwise match nothing), or undefined when absent. */
export function optionChoice<T extends string>(command: Command, name: string, allowed: readonly T[]): T | undefined {
  const value = command.options[name];
  if (value === undefined) return undefined;
  const known = allowed.find((candidate) => candidate === value);
  if (!known) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return known;
}

/** Every value of a repeatable string option. */
export function optionList(command: Command, name: string): string[] {
  const value = command.options[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

/** The option's value, or a UsageError saying it is needed. */
export function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}
