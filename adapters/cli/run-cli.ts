import { loadConfig } from '../../src/config/load-config.ts';
import { createAnswerer } from '../../src/answers/create-answerer.ts';
import { PolicyDeskError } from '../../src/errors.ts';
import { semanticRetrieverFromConfig } from '../../src/retrieval/semantic/semantic-retriever-from-config.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { askCommand, directoryCommand, ingestCommand, type CliContext } from './commands.ts';
import type { CliIo } from './io.ts';
import { parseCommand, usage } from './parse-command.ts';

const commands: Record<string, (command: ReturnType<typeof parseCommand>, context: CliContext) => Promise<number>> = {
  ingest: ingestCommand,
  ask: askCommand,
  directory: directoryCommand,
};

/**
 * Runs one `policy-desk` command and returns its exit code: 0 done, 1 done
 * with refused input, 2 usage or configuration error, 3 the bot refused.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    const run = commands[command.name];
    if (command.help || command.name === 'help' || !run) {
      (run || command.name === 'help' || command.help ? io.stdout : io.stderr).write(usage);
      return run || command.name === 'help' || command.help ? 0 : 2;
    }
    const config = loadConfig(io.env);
    const db = openDatabase(command.db ?? config.databaseFile);
    try {
      const answerer = await createAnswerer(config);
      const semantic = semanticRetrieverFromConfig(db, config);
      const onWarning = (message: string, error: unknown) => io.stderr.write(`warning: ${message}: ${(error as Error).message}\n`);
      return await run(command, { io, db, deps: { db, answerer, semantic, onWarning } });
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof PolicyDeskError) {
      io.stderr.write(`policy-desk: ${error.message}\n`);
      if (error.code === 'usage') io.stderr.write(`\n${usage}`);
      return 2;
    }
    throw error;
  }
}
