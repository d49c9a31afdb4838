import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryGroup } from '../directory/directory-schema.ts';
import type { Db } from '../storage/open-database.ts';
import { loadAccessRules } from './load-access-rules.ts';
import { loadRoutingRules } from './load-routing-rules.ts';
import { RuleVersionConflict } from './rule-version-conflict.ts';
import { RulesFileError } from './rules-file-error.ts';
import { saveRuleVersion } from './save-rule-version.ts';
import { validateRoutingAgainstDirectory } from './validate-routing-against-directory.ts';

export type RulesProblem = { file: string; field: string | undefined; message: string };

/**
 * What loading one rules file did: the version the file carries (when it
 * could be read), whether that made a new active version (audit it as
 * `config.changed`), and why it was refused. A refused file changes nothing:
 * the rules loaded before stay in force.
 */
export type RulesLoad = { file: string; version: string | undefined; changed: boolean; problems: RulesProblem[] };

function refused(file: string, version: string | undefined, error: unknown): RulesLoad {
  if (error instanceof RulesFileError) return { file, version, changed: false, problems: [{ file, field: error.field, message: error.message }] };
  if (error instanceof RuleVersionConflict) return { file, version, changed: false, problems: [{ file, field: 'version', message: `${file}: ${error.message}` }] };
  throw error;
}

/**
 * Loads a tenant folder's `access.yml` and `routing.yml`, where present, and
 * stores each as a new version when its content changed. Routing rules are
 * checked against the tenant's reviewer groups when `groups` is given (the
 * directory loaded with them); rules naming unknown groups, or quorums no
 * group can meet, are refused.
 */
export function loadTenantRules(
  db: Db,
  tenant: string,
  dir: string,
  options: { groups?: Pick<DirectoryGroup, 'id' | 'members'>[]; at: Date | string; by: string },
): { access?: RulesLoad; routing?: RulesLoad } {
  const loaded = { at: options.at, by: options.by };
  const result: { access?: RulesLoad; routing?: RulesLoad } = {};
  const accessFile = join(dir, 'access.yml');
  if (existsSync(accessFile)) {
    let version: string | undefined;
    try {
      const rules = loadAccessRules(accessFile);
      version = rules.version;
      result.access = { file: accessFile, ...saveRuleVersion(db, tenant, 'access', rules, loaded), problems: [] };
    } catch (error) {
      result.access = refused(accessFile, version, error);
    }
  }
  const routingFile = join(dir, 'routing.yml');
  if (existsSync(routingFile)) {
    let version: string | undefined;
    try {
      const rules = loadRoutingRules(routingFile);
      version = rules.version;
      const problems = options.groups ? validateRoutingAgainstDirectory(rules, options.groups) : [];
      result.routing =
        problems.length > 0
          ? { file: routingFile, version, changed: false, problems: problems.map((p) => ({ file: routingFile, field: p.field, message: `${routingFile} (${p.field}): ${p.message}` })) }
          : { file: routingFile, ...saveRuleVersion(db, tenant, 'routing', rules, loaded), problems: [] };
    } catch (error) {
      result.routing = refused(routingFile, version, error);
    }
  }
  return result;
}
