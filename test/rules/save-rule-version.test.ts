import { describe, expect, it } from 'vitest';
import { accessRulesSchema } from '../../src/rules/access-rules-schema.ts';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { activeRoutingRules } from '../../src/rules/active-routing-rules.ts';
import { defaultAccessRules } from '../../src/rules/default-access-rules.ts';
import { RuleVersionConflict } from '../../src/rules/rule-version-conflict.ts';
import { routingRulesSchema } from '../../src/rules/routing-rules-schema.ts';
import { saveRuleVersion } from '../../src/rules/save-rule-version.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';

const access = (version: string, roles: string[]) =>
  accessRulesSchema.parse({ version, allow: [{ id: 'publishers', action: 'publish', roles, reason: 'Publishers publish.' }] });
const routing = (version: string, group: string) =>
  routingRulesSchema.parse({ version, rules: [{ id: 'all', stages: [{ group }] }] });
const loaded = { at: '2026-03-01T09:00:00.000Z', by: 'olga' };

const rows = (db: Db) =>
  db.prepare('SELECT tenant, kind, version, loaded_at, loaded_by FROM tenant_rule_versions ORDER BY id').all() as {
    tenant: string; kind: string; version: string; loaded_at: string; loaded_by: string;
  }[];

describe('versions of rules', () => {
  it('records the first load, then nothing while the content stays the same', () => {
    const db = openDatabase(':memory:');
    expect(saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded)).toEqual({ version: '1', changed: true });
    expect(saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), { at: new Date('2026-03-02T00:00:00Z'), by: 'policy-root' })).toEqual({
      version: '1',
      changed: false,
    });
    expect(rows(db)).toEqual([{ tenant: 'acme', kind: 'access', version: '1', loaded_at: '2026-03-01T09:00:00.000Z', loaded_by: 'olga' }]);
  });

  it('sees the same content whatever order the keys were written in', () => {
    const db = openDatabase(':memory:');
    const rules = access('1', ['comms']);
    saveRuleVersion(db, 'acme', 'access', rules, loaded);
    const reordered = { deny: rules.deny, allow: rules.allow.map(({ reason, id, ...rest }) => ({ reason, ...rest, id })), version: '1' };
    expect(saveRuleVersion(db, 'acme', 'access', reordered, loaded).changed).toBe(false);
  });

  it('records a new version, which becomes the active one', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    expect(saveRuleVersion(db, 'acme', 'access', access('2', ['comms', 'manager']), { at: '2026-04-01T00:00:00.000Z', by: 'olga' })).toEqual({
      version: '2',
      changed: true,
    });
    expect(rows(db).map((row) => row.version)).toEqual(['1', '2']);
    expect(activeAccessRules(db, 'acme')).toEqual(access('2', ['comms', 'manager']));
  });

  it('refuses the same version with different content, and keeps the active rules', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    const attempt = () => saveRuleVersion(db, 'acme', 'access', access('1', ['manager']), loaded);
    expect(attempt).toThrow(RuleVersionConflict);
    expect(attempt).toThrow(/access rules version "1" of tenant acme were loaded before with different content; give the new rules a new version/);
    expect(rows(db)).toHaveLength(1);
    expect(activeAccessRules(db, 'acme')).toEqual(access('1', ['comms']));
  });

  it('refuses reusing an older version string for new content, even when it is not the active one', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    saveRuleVersion(db, 'acme', 'access', access('2', ['manager']), loaded);
    expect(() => saveRuleVersion(db, 'acme', 'access', access('1', ['admin']), loaded)).toThrow(RuleVersionConflict);
  });

  it('records going back to an earlier version as a change, making it active again', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    saveRuleVersion(db, 'acme', 'access', access('2', ['manager']), loaded);
    expect(saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded)).toEqual({ version: '1', changed: true });
    expect(rows(db).map((row) => row.version)).toEqual(['1', '2', '1']);
    expect(activeAccessRules(db, 'acme').version).toBe('1');
  });

  it('keeps tenants and kinds apart: the same version string may name different content in each', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    expect(saveRuleVersion(db, 'globex', 'access', access('1', ['manager']), loaded).changed).toBe(true);
    expect(saveRuleVersion(db, 'acme', 'routing', routing('1', 'finance'), loaded).changed).toBe(true);
    expect(activeAccessRules(db, 'acme').allow[0]!.roles).toEqual(['comms']);
    expect(activeAccessRules(db, 'globex').allow[0]!.roles).toEqual(['manager']);
    expect(activeRoutingRules(db, 'acme')).toEqual(routing('1', 'finance'));
    expect(activeRoutingRules(db, 'globex')).toEqual({ version: 'default', rules: [] });
  });
});

describe('the active rules', () => {
  it('are the defaults before any file is loaded', () => {
    const db = openDatabase(':memory:');
    expect(activeAccessRules(db, 'acme')).toBe(defaultAccessRules);
    expect(activeRoutingRules(db, 'acme')).toEqual({ version: 'default', rules: [] });
  });

  it('are parsed once per version and connection, and reloaded when another connection loads new rules', () => {
    const db = openDatabase(':memory:');
    saveRuleVersion(db, 'acme', 'access', access('1', ['comms']), loaded);
    const first = activeAccessRules(db, 'acme');
    expect(activeAccessRules(db, 'acme')).toBe(first);
    // Another writer (the command line, a second process) adds a row behind this connection's back.
    db.prepare(
      `INSERT INTO tenant_rule_versions (tenant, kind, version, content, content_hash, loaded_at, loaded_by)
       VALUES ('acme', 'access', '2', ?, 'elsewhere', '2026-04-01T00:00:00.000Z', 'cli')`,
    ).run(JSON.stringify(access('2', ['manager'])));
    const second = activeAccessRules(db, 'acme');
    expect(second).not.toBe(first);
    expect(second.allow[0]!.roles).toEqual(['manager']);
  });

  it('refuse stored content that is not valid rules, naming the row', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO tenant_rule_versions (tenant, kind, version, content, content_hash, loaded_at, loaded_by)
       VALUES ('acme', 'routing', '1', '{"version":"1","rules":[{"id":"x","stages":[]}]}', 'h', 'now', 'test')`,
    ).run();
    expect(() => activeRoutingRules(db, 'acme')).toThrow(/stored routing rules of tenant acme \(row 1\) are not valid/);
  });

  it('only accept the kinds access and routing', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare("INSERT INTO tenant_rule_versions (tenant, kind, version, content, content_hash, loaded_at, loaded_by) VALUES ('a', 'audit', '1', '{}', 'h', 'now', 't')").run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
