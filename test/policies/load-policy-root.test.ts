import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenantHasDirectory } from '../../src/directory/find-person.ts';
import { loadPolicyRoot } from '../../src/policies/load-policy-root.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { examplesDir } from '../support/examples.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('loading a root of tenants', () => {
  it('loads every tenant of the examples: directory and policies', async () => {
    const db = openDatabase(':memory:');
    const loads = await loadPolicyRoot(db, examplesDir);
    expect(loads.map(({ tenant, people, report }) => ({ tenant, people, added: report?.added.length, problems: report?.problems, warnings: report?.warnings }))).toEqual([
      { tenant: 'acme', people: 14, added: 12, problems: [], warnings: [] },
      { tenant: 'globex', people: 2, added: 2, problems: [], warnings: [] },
    ]);
    db.close();
  });

  it('is safe to run at every start-up: the second load changes nothing', async () => {
    const db = openDatabase(':memory:');
    await loadPolicyRoot(db, examplesDir);
    const again = await loadPolicyRoot(db, examplesDir);
    expect(again.every(({ report }) => report!.added.length === 0 && report!.updated.length === 0 && report!.unchanged.length > 0)).toBe(true);
    db.close();
  });

  it('loads a tenant that has only a directory, and skips a root that does not exist', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'initech'));
    writeFileSync(join(root, 'initech', 'directory.yml'), 'users:\n  - id: peter\n    name: Peter Gibbons\n');
    const db = openDatabase(':memory:');
    expect(await loadPolicyRoot(db, root)).toEqual([{ tenant: 'initech', report: undefined, people: 1 }]);
    expect(tenantHasDirectory(db, 'initech')).toBe(true);
    expect(await loadPolicyRoot(db, join(root, 'nowhere'))).toEqual([]);
    db.close();
  });
});
