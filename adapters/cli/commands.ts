import { existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { z } from 'zod';
import { answerQuestion, type AskDeps } from '../../src/answers/answer-question.ts';
import { askContract, type AskResult } from '../../src/answers/ask-result.ts';
import { loadDirectoryFile } from '../../src/directory/load-directory-file.ts';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import { PolicyDeskError, UsageError } from '../../src/errors.ts';
import { ingestPolicies } from '../../src/policies/ingest-policies.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { Command } from './parse-command.ts';
import { required } from './parse-command.ts';
import type { CliIo } from './io.ts';
import { createProgressBar } from './progress-bar.ts';

export type CliContext = { io: CliIo; db: Db; deps: AskDeps };

function loadDirectoryInto(db: Db, tenant: string, file: string): void {
  saveDirectory(db, tenant, loadDirectoryFile(file));
}

/**
 * `policy-desk ingest DIR --tenant T [--directory FILE]`: exit 1 when any file was refused (the others are ingested).
 * Warnings (a policy owner the directory does not have as a group) are printed but do not change the exit code.
 */
export async function ingestCommand(command: Command, { io, db, deps }: CliContext): Promise<number> {
  const dir = command.positionals[0];
  if (!dir) throw new UsageError('ingest needs the folder of policies: policy-desk ingest DIR --tenant T');
  const tenant = required(command.tenant, 'tenant');
  if (command.directory) loadDirectoryInto(db, tenant, command.directory);
  const bar = createProgressBar(io.stderr, `ingest ${tenant}`);
  const report = await ingestPolicies(db, tenant, dir, { onProgress: bar.update });
  if (deps.semantic) {
    try {
      const embedded = await deps.semantic.embedPending(tenant);
      if (!command.json) io.stdout.write(`${tenant}: ${embedded} sections embedded\n`);
    } catch (error) {
      io.stderr.write(`warning: embedding the new sections failed (${(error as Error).message}); run ingest again to retry\n`);
    }
  }
  if (command.json) {
    io.stdout.write(`${JSON.stringify({ tenant, ...report })}\n`);
  } else {
    io.stdout.write(`${tenant}: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.problems.length} refused\n`);
    for (const problem of report.problems) io.stderr.write(`error: ${problem.message}\n`);
    for (const warning of report.warnings) io.stderr.write(`warning: ${warning.message}\n`);
  }
  // A warning is about a file that was ingested: it does not fail the run.
  return report.problems.length > 0 ? 1 : 0;
}

function printAnswer(io: CliIo, result: AskResult): void {
  io.stdout.write(`${result.answer}\n`);
  if (result.citations.length > 0) {
    io.stdout.write('\nSources:\n');
    for (const c of result.citations) {
      io.stdout.write(`  - ${c.title}, version ${c.version}${c.jurisdiction ? ` (${c.jurisdiction})` : ''}, section "${c.section}" (effective ${c.effective})\n`);
    }
  }
}

/** `policy-desk ask`: one question, or with --batch one JSON line per question from standard input. */
export async function askCommand(command: Command, context: CliContext): Promise<number> {
  if (command.batch) return askBatch(command, context);
  const { io, db, deps } = context;
  const tenant = required(command.tenant, 'tenant');
  const as = required(command.as, 'as');
  const question = command.positionals.join(' ').trim();
  if (!question) throw new UsageError('ask needs a question: policy-desk ask --tenant T --as USER "QUESTION"');
  if (command.directory) loadDirectoryInto(db, tenant, command.directory);
  const result = await answerQuestion(deps, { tenant, asker: { by: 'id', value: as }, question, channel: 'cli' });
  if (command.json) io.stdout.write(`${JSON.stringify(askContract(result))}\n`);
  else printAnswer(io, result);
  return result.status === 'refused' ? 3 : 0;
}

const batchLine = z.object({
  // Results are matched to questions by id: a line without one cannot be answered usefully.
  id: z.union([z.string(), z.number()], { error: 'required: a string or a number that names the line in the results' }),
  tenant: z.string().min(1),
  as: z.string().min(1),
  question: z.string(),
});

/**
 * Batch mode: reads `{"id","tenant","as","question"}` lines and writes one
 * result line each, with its id, in input order. A bad line gets an error
 * line of its own and the rest go on; the exit code is then 1. `--directory`
 * is a root holding `<tenant>/directory.yml`, loaded for each tenant as it
 * first appears, or one tenant's file, loaded for the batch's first tenant
 * only: another tenant's people are never replaced by it.
 */
async function askBatch(command: Command, { io, db, deps }: CliContext): Promise<number> {
  if (!command.json) throw new UsageError('--batch writes JSON Lines: add --json');
  const directoryPath = command.directory;
  const directoryIsRoot = directoryPath !== undefined && statSync(directoryPath, { throwIfNoEntry: false })?.isDirectory() === true;
  if (directoryPath && !existsSync(directoryPath)) throw new UsageError(`--directory ${directoryPath} does not exist`);
  const loadedTenants = new Set<string>();
  let failed = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    let id: unknown = null;
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new UsageError(`line ${lineNumber} is not JSON`);
      }
      id = (raw as { id?: unknown } | null)?.id ?? null;
      const parsed = batchLine.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`line ${lineNumber}: ${issue?.path.join('.') || 'line'}: ${issue?.message}`);
      }
      const { tenant, as, question } = parsed.data;
      if (directoryPath && !loadedTenants.has(tenant)) {
        if (directoryIsRoot) {
          const file = join(directoryPath, tenant, 'directory.yml');
          if (existsSync(file)) loadDirectoryInto(db, tenant, file);
        } else if (loadedTenants.size === 0) {
          loadDirectoryInto(db, tenant, directoryPath);
        } else {
          io.stderr.write(`policy-desk: --directory ${directoryPath} is one tenant's directory, loaded for ${[...loadedTenants][0]}; ${tenant} is answered with the directory saved for it (give a folder holding <tenant>/directory.yml to load one for each)\n`);
        }
        loadedTenants.add(tenant);
      }
      const result = await answerQuestion(deps, { tenant, asker: { by: 'id', value: as }, question, channel: 'cli-batch' });
      io.stdout.write(`${JSON.stringify({ id, ...askContract(result) })}\n`);
    } catch (error) {
      // One line's failure, whatever it is, is that line's: the rest of the batch is still answered.
      failed++;
      const { code, message } = error instanceof PolicyDeskError ? error : { code: 'internal', message: (error as Error).message };
      if (!(error instanceof PolicyDeskError)) io.stderr.write(`policy-desk: line ${lineNumber}: ${(error as Error).stack ?? message}\n`);
      io.stdout.write(`${JSON.stringify({ id, error: { code, message } })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** `policy-desk directory load FILE --tenant T`. */
export async function directoryCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const [action, file] = command.positionals;
  if (action !== 'load' || !file) throw new UsageError('usage: policy-desk directory load FILE --tenant T');
  const tenant = required(command.tenant, 'tenant');
  const directory = loadDirectoryFile(file);
  saveDirectory(db, tenant, directory);
  io.stdout.write(`${tenant}: ${directory.users.length} people, ${directory.groups.length} groups\n`);
  return 0;
}
