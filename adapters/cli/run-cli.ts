import { loadConfig } from '../../src/config/load-config.ts';
import { createAnswerer } from '../../src/answers/create-answerer.ts';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PolicyDeskError, UsageError } from '../../src/errors.ts';
import { semanticRetrieverFromConfig } from '../../src/retrieval/semantic/semantic-retriever-from-config.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';
import { auditCommand } from './audit-command.ts';
import { askCommand, directoryCommand, ingestCommand, type CliContext } from './commands.ts';
import { ackCommand } from './ack-command.ts';
import { diffCommand } from './diff-command.ts';
import { draftCommand } from './draft-command.ts';
import { freshnessCommand } from './freshness-command.ts';
import { exceptionCommand } from './exception-command.ts';
import type { CliIo } from './io.ts';
import { outboxCommand } from './outbox-command.ts';
import { packageVersion } from './package-version.ts';
import { parseCommand, usage, type CommandName } from './parse-command.ts';
import { rulesCommand } from './rules-command.ts';

/** Every command parseCommand knows, and what runs it (the type keeps the two lists the same). */
const commands: Record<CommandName, (command: ReturnType<typeof parseCommand>, context: CliContext) => Promise<number>> = {
  ingest: ingestCommand,
  ask: askCommand,
  directory: directoryCommand,
  audit: auditCommand,
  exception: exceptionCommand,
  draft: draftCommand,
  outbox: outboxCommand,
  rules: rulesCommand,
  diff: diffCommand,
  freshness: freshnessCommand,
  ack: ackCommand,
};

/** Commands that may start a new database file; the others refuse a path with nothing there (a mistyped --db). */
const createsDatabase = new Set(['ingest', 'directory', 'rules']);

/**
 * SQLite's refusals (a read-only file or folder, a file that is not a
 * database, a full disk) as a configuration error naming the file, not a
 * stack trace; anything else unchanged.
 */
function databaseError(error: unknown, file: string): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  return new PolicyDeskError('database_unusable', `the database ${file} cannot be used: ${error.message} (${error.code})`, { cause: error });
}

/** Exit codes by error code; anything else that is a PolicyDeskError exits 1. */
const exitCodes: Record<string, number> = {
  usage: 2,
  database_unusable: 2,
  config_invalid: 2,
  directory_invalid: 2,
  policy_file_invalid: 2,
  rules_file_invalid: 2,
  not_allowed: 3,
  unknown_user: 3,
  already_decided: 5,
};

/**
 * Runs one `policy-desk` command and returns its exit code: 0 done; 1 failed
 * (bad input, not found), with nothing half-done; 2 usage or configuration
 * error; 3 refused (the bot, or a rule); 4 needs confirmation; 5 already
 * decided by someone else. With --json, an error is also printed as
 * `{"error": {"code", "message", ...}}` on standard output.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  // On its own, before parsing: `--version V` is also an option of `ack` and `draft`.
  if (argv.length === 1 && argv[0] === '--version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  try {
    const command = parseCommand(argv);
    json = command.json;
    if (command.help || command.name === 'help') {
      io.stdout.write(usage);
      return 0;
    }
    // parseCommand refused any other name.
    const run = commands[command.name as CommandName];
    const config = loadConfig(io.env);
    const file = command.db ?? config.databaseFile;
    if (!createsDatabase.has(command.name) && file !== ':memory:' && !existsSync(file)) {
      throw new UsageError(`there is no database at ${file}: check --db (or DATABASE_FILE), or ingest policies into it first (policy-desk ingest DIR --tenant T --db ${file})`);
    }
    let db: Db;
    try {
      db = openDatabase(file);
    } catch (error) {
      throw databaseError(error, file);
    }
    try {
      const answerer = await createAnswerer(config);
      const semantic = semanticRetrieverFromConfig(db, config);
      const onWarning = (message: string, error: unknown) => io.stderr.write(`warning: ${message}: ${(error as Error).message}\n`);
      return await run(command, { io, db, deps: { db, answerer, semantic, onWarning } });
    } catch (error) {
      throw databaseError(error, file);
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof PolicyDeskError) {
      io.stderr.write(`policy-desk: ${error.message}\n`);
      if (error.code === 'usage') io.stderr.write(`\n${usage}`);
      if (json) {
        const { name: _name, stack: _stack, cause: _cause, ...details } = error as PolicyDeskError & Record<string, unknown>;
        io.stdout.write(`${JSON.stringify({ error: { ...details, code: error.code, message: error.message } })}\n`);
      }
      return exitCodes[error.code] ?? 1;
    }
    throw error;
  }
}
