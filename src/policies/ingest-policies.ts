import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { groupIds, tenantHasDirectory } from '../directory/find-person.ts';
import { PolicyFileError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { parseDocxPolicy } from './parse-docx-policy.ts';
import { parseMarkdownPolicy, type ParsedPolicy } from './parse-policy-file.ts';
import { savePolicyVersion, type SaveOutcome } from './save-policy-version.ts';

export type IngestProblem = { file: string; field: string | undefined; message: string };

/**
 * `problems` are the files refused; `warnings` name something wrong in files
 * that were ingested all the same (an owner the tenant's directory does not
 * have as a group).
 */
export type IngestReport = {
  added: string[];
  updated: string[];
  unchanged: string[];
  problems: IngestProblem[];
  warnings: IngestProblem[];
};

/** Every `*.md` and `*.docx` below `dir`, sorted so runs are repeatable. Hidden folders and node_modules are skipped. */
export function listPolicyFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(md|docx)$/i.test(entry.name) && !entry.name.startsWith('~$')) found.push(path);
    }
  };
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new PolicyFileError(dir, undefined, 'is not a folder');
  }
  walk(dir);
  return found;
}

function problemOf(file: string, error: unknown): IngestProblem {
  if (error instanceof PolicyFileError) return { file: error.file, field: error.field, message: error.message };
  return { file, field: undefined, message: `${file}: ${(error as Error).message}` };
}

/** A parser's error names the file by its path; the report names it relative to the folder, as it names every file. */
function relativeTo(dir: string, error: unknown): unknown {
  return error instanceof PolicyFileError ? error.withFile(relative(dir, error.file) || error.file) : error;
}

/**
 * An owner that is not a group of the tenant's directory, when the tenant has
 * one: a policy is still usable without its owner, but an abstention would
 * send people to a team that does not exist.
 */
function ownerWarning(groups: Set<string> | undefined, tenant: string, file: string, owner: string): IngestProblem | undefined {
  if (!groups || groups.has(owner)) return undefined;
  return { file, field: 'owner', message: `${file} (owner): "${owner}" is not a group in the directory of ${tenant}: an abstention would send people to a team that does not exist` };
}

/**
 * Ingests a folder of policies for one tenant. Bad files are reported with
 * file and field and do not stop the others; unchanged files change nothing;
 * a file whose text changed but kept its version is refused. Files are
 * written in batches, each batch one transaction.
 */
export async function ingestPolicies(
  db: Db,
  tenant: string,
  dir: string,
  options: { now?: () => Date; onProgress?: (done: number, total: number) => void; batchSize?: number; actor?: string } = {},
): Promise<IngestReport> {
  const now = options.now ?? (() => new Date());
  const files = listPolicyFiles(dir);
  const report: IngestReport = { added: [], updated: [], unchanged: [], problems: [], warnings: [] };
  const groups = tenantHasDirectory(db, tenant) ? new Set(groupIds(db, tenant)) : undefined;
  const seenKeys = new Map<string, string>();
  const batchSize = options.batchSize ?? 200;

  for (let start = 0; start < files.length; start += batchSize) {
    const batch: ParsedPolicy[] = [];
    for (const file of files.slice(start, start + batchSize)) {
      const name = relative(dir, file) || file;
      try {
        const parsed = /\.docx$/i.test(file) ? await parseDocxPolicy(file) : parseMarkdownPolicy(file);
        const { id, version, jurisdiction } = parsed.metadata;
        const key = `${id}\u0000${version}\u0000${jurisdiction ?? ''}`;
        const earlier = seenKeys.get(key);
        if (earlier) {
          throw new PolicyFileError(file, 'version', `${id} version ${version}${jurisdiction ? ` (${jurisdiction})` : ''} is also defined in ${earlier}`);
        }
        seenKeys.set(key, name);
        batch.push({ ...parsed, file: name });
      } catch (error) {
        report.problems.push(problemOf(name, relativeTo(dir, error)));
      }
    }
    const ingestedAt = now().toISOString();
    const outcomes: { file: string; owner: string; outcome: SaveOutcome | IngestProblem }[] = db
      .transaction(() =>
        batch.map((policy) => {
          try {
            const outcome = savePolicyVersion(db, tenant, policy, ingestedAt);
            if (outcome !== 'unchanged') {
              // A policy change is a configuration change: audited with the write it records.
              const { id, version, jurisdiction, status, classification } = policy.metadata;
              appendAuditEvent(db, {
                tenant,
                type: `policy.${outcome}`,
                actor: options.actor ?? 'ingest',
                subject: `policy:${id}@${version}${jurisdiction ? `:${jurisdiction}` : ''}`,
                data: { file: policy.file, status, classification, textHash: policy.textHash },
                at: ingestedAt,
              });
            }
            return { file: policy.file, owner: policy.metadata.owner, outcome };
          } catch (error) {
            return { file: policy.file, owner: policy.metadata.owner, outcome: problemOf(policy.file, error) };
          }
        }),
      )
      .immediate();
    for (const { file, owner, outcome } of outcomes) {
      if (typeof outcome !== 'string') {
        report.problems.push(outcome);
        continue;
      }
      report[outcome].push(file);
      const warning = ownerWarning(groups, tenant, file, owner);
      if (warning) report.warnings.push(warning);
    }
    options.onProgress?.(Math.min(start + batchSize, files.length), files.length);
  }
  if (files.length === 0) options.onProgress?.(0, 0);
  return report;
}
