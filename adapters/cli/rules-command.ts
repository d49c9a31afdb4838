import { UsageError } from '../../src/errors.ts';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { activeRoutingRules } from '../../src/rules/active-routing-rules.ts';
import { loadTenantRules } from '../../src/rules/load-tenant-rules.ts';
import { statement } from '../../src/storage/statement.ts';
import type { CliContext } from './commands.ts';
import { required, type Command } from './parse-command.ts';
import { rulesUsage } from './rules-usage.ts';

/**
 * `policy-desk rules load DIR`: stores the tenant's access and routing rules
 * as new versions when they changed (audited), checking routing against the
 * tenant's reviewer groups; exit 1 when a file was refused (the previous
 * rules stay in force). `rules show`: the active rules.
 */
export async function rulesCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const [action, dir] = command.positionals;
  const tenant = required(command.tenant, 'tenant');
  if (action === 'show') {
    const active = { access: activeAccessRules(db, tenant), routing: activeRoutingRules(db, tenant) };
    io.stdout.write(command.json ? `${JSON.stringify(active)}\n` : `access rules version ${active.access.version}, routing rules version ${active.routing.version}\n${JSON.stringify(active, null, 2)}\n`);
    return 0;
  }
  if (action !== 'load' || !dir) throw new UsageError(`usage:\n${rulesUsage}`);
  const groups = statement<[string], { group_id: string; members: string }>(db, 'SELECT group_id, members FROM directory_groups WHERE tenant = ?')
    .all(tenant)
    .map((row) => ({ id: row.group_id, members: JSON.parse(row.members) as string[] }));
  const loads = loadTenantRules(db, tenant, dir, { groups, at: new Date(), by: 'cli' });
  const results = [loads.access, loads.routing].filter((load) => load !== undefined);
  if (results.length === 0) throw new UsageError(`${dir} has neither access.yml nor routing.yml`);
  if (command.json) io.stdout.write(`${JSON.stringify(loads)}\n`);
  else {
    for (const load of results) {
      io.stdout.write(`${load.file}: ${load.problems.length ? 'refused' : load.changed ? `version ${load.version} now active` : `version ${load.version} unchanged`}\n`);
      for (const problem of load.problems) io.stderr.write(`error: ${problem.message}\n`);
    }
  }
  return results.some((load) => load.problems.length > 0) ? 1 : 0;
}
