import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { activeRoutingRules } from '../../src/rules/active-routing-rules.ts';
import { loadTenantRules } from '../../src/rules/load-tenant-rules.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';

const groups = [{ id: 'finance', members: ['dev'] }];
const loaded = { at: '2026-03-01T00:00:00.000Z', by: 'test' };
const accessYml = (version: string, role: string) =>
  `version: "${version}"\nallow:\n  - id: publishers\n    action: publish\n    roles: [${role}]\n    reason: Publishers publish.\n`;
const routingYml = (version: string, group: string, quorum = 1) =>
  `version: "${version}"\nrules:\n  - id: all\n    stages:\n      - group: ${group}\n        quorum: ${quorum}\n`;

function tenantDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loading a tenant folder rules', () => {
  it('does nothing without access.yml or routing.yml', () => {
    const db = openDatabase(':memory:');
    expect(loadTenantRules(db, 'acme', tenantDir({}), { groups, ...loaded })).toEqual({});
  });

  it('stores both files and says they changed; a second load changes nothing', () => {
    const db = openDatabase(':memory:');
    const dir = tenantDir({ 'access.yml': accessYml('1', 'comms'), 'routing.yml': routingYml('1', 'finance') });
    expect(loadTenantRules(db, 'acme', dir, { groups, ...loaded })).toEqual({
      access: { file: join(dir, 'access.yml'), version: '1', changed: true, problems: [] },
      routing: { file: join(dir, 'routing.yml'), version: '1', changed: true, problems: [] },
    });
    const again = loadTenantRules(db, 'acme', dir, { groups, ...loaded });
    expect([again.access?.changed, again.routing?.changed]).toEqual([false, false]);
  });

  it('refuses an invalid file with its field, keeping the rules in force', () => {
    const db = openDatabase(':memory:');
    const dir = tenantDir({ 'access.yml': accessYml('1', 'comms') });
    loadTenantRules(db, 'acme', dir, loaded);
    writeFileSync(join(dir, 'access.yml'), 'version: "2"\nallow:\n  - id: x\n    action: shout\n    everyone: true\n    reason: r\n');
    const { access } = loadTenantRules(db, 'acme', dir, loaded);
    expect(access).toMatchObject({ version: undefined, changed: false, problems: [{ file: join(dir, 'access.yml'), field: 'allow[0].action[0]' }] });
    expect(access!.problems[0]!.message).toMatch(/"shout" is not an action/);
    expect(activeAccessRules(db, 'acme').version).toBe('1');
  });

  it('refuses changed content under a version already loaded', () => {
    const db = openDatabase(':memory:');
    const dir = tenantDir({ 'access.yml': accessYml('1', 'comms') });
    loadTenantRules(db, 'acme', dir, loaded);
    writeFileSync(join(dir, 'access.yml'), accessYml('1', 'manager'));
    const { access } = loadTenantRules(db, 'acme', dir, loaded);
    expect(access).toMatchObject({ version: '1', changed: false, problems: [{ field: 'version' }] });
    expect(access!.problems[0]!.message).toMatch(/access\.yml: access rules version "1" of tenant acme were loaded before with different content/);
    expect(activeAccessRules(db, 'acme').allow[0]!.roles).toEqual(['comms']);
  });

  it('refuses routing rules that do not fit the directory, and skips that check without one', () => {
    const db = openDatabase(':memory:');
    const dir = tenantDir({ 'routing.yml': routingYml('1', 'treasury') });
    const { routing } = loadTenantRules(db, 'acme', dir, { groups, ...loaded });
    expect(routing).toEqual({
      file: join(dir, 'routing.yml'),
      version: '1',
      changed: false,
      problems: [{ file: join(dir, 'routing.yml'), field: 'rules[0].stages[0].group', message: `${join(dir, 'routing.yml')} (rules[0].stages[0].group): rule "all": no group "treasury" in the directory` }],
    });
    expect(activeRoutingRules(db, 'acme').version).toBe('default');
    writeFileSync(join(dir, 'routing.yml'), routingYml('1', 'finance', 2));
    expect(loadTenantRules(db, 'acme', dir, { groups, ...loaded }).routing!.problems[0]!.message).toMatch(/quorum 2 is more than the 1 member of group "finance"/);
    expect(loadTenantRules(db, 'acme', dir, loaded).routing).toMatchObject({ changed: true, problems: [] });
  });
});
