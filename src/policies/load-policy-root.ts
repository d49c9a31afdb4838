import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDirectoryFile } from '../directory/load-directory-file.ts';
import { saveDirectory } from '../directory/save-directory.ts';
import type { Db } from '../storage/open-database.ts';
import { ingestPolicies, type IngestReport } from './ingest-policies.ts';

export type TenantLoad = { tenant: string; report: IngestReport | undefined; people: number };

/**
 * Loads every tenant under a root laid out as `<tenant>/directory.yml` and
 * `<tenant>/policies/`: the directory is replaced, policies are ingested
 * (unchanged files change nothing, so this is safe at every start-up).
 */
export async function loadPolicyRoot(db: Db, root: string): Promise<TenantLoad[]> {
  if (!existsSync(root)) return [];
  const loads: TenantLoad[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const tenant = entry.name;
    const directoryFile = join(root, tenant, 'directory.yml');
    const policies = join(root, tenant, 'policies');
    let people = 0;
    if (existsSync(directoryFile)) {
      const directory = loadDirectoryFile(directoryFile);
      saveDirectory(db, tenant, directory);
      people = directory.users.length;
    }
    const report = existsSync(policies) ? await ingestPolicies(db, tenant, policies) : undefined;
    loads.push({ tenant, report, people });
  }
  return loads;
}
