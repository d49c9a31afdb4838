import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Directory } from '../directory/directory-schema.ts';
import { loadDirectoryFile } from '../directory/load-directory-file.ts';
import { saveDirectory } from '../directory/save-directory.ts';
import { loadTenantRules, type RulesLoad } from '../rules/load-tenant-rules.ts';
import type { Db } from '../storage/open-database.ts';
import { ingestPolicies, type IngestReport } from './ingest-policies.ts';

/**
 * `access` and `routing` are present when the tenant folder has `access.yml`
 * or `routing.yml`; their `changed` says a new rules version became active
 * (worth a `config.changed` audit event), `problems` why a file was refused.
 */
export type TenantLoad = { tenant: string; report: IngestReport | undefined; people: number; access?: RulesLoad; routing?: RulesLoad };

/**
 * Loads every tenant under a root laid out as `<tenant>/directory.yml` and
 * `<tenant>/policies/`: the directory is replaced, policies are ingested
 * (unchanged files change nothing, so this is safe at every start-up), and
 * `<tenant>/access.yml` and `<tenant>/routing.yml`, where present, are stored
 * as new rule versions when their content changed (recorded as loaded `by`).
 */
export async function loadPolicyRoot(db: Db, root: string, options: { now?: () => Date; by?: string } = {}): Promise<TenantLoad[]> {
  if (!existsSync(root)) return [];
  const loads: TenantLoad[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const tenant = entry.name;
    const directoryFile = join(root, tenant, 'directory.yml');
    const policies = join(root, tenant, 'policies');
    let people = 0;
    let groups: Directory['groups'] | undefined;
    if (existsSync(directoryFile)) {
      const directory = loadDirectoryFile(directoryFile);
      saveDirectory(db, tenant, directory);
      people = directory.users.length;
      groups = directory.groups;
    }
    const report = existsSync(policies) ? await ingestPolicies(db, tenant, policies) : undefined;
    // access.yml and routing.yml, when present (docs/rules.md); routing is checked against the directory just loaded.
    const rules = loadTenantRules(db, tenant, join(root, tenant), { groups, at: (options.now ?? (() => new Date()))(), by: options.by ?? 'policy-root' });
    loads.push({ tenant, report, people, ...rules });
  }
  return loads;
}
