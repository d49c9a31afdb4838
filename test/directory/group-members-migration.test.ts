import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/directory/find-person.ts';
import { applyMigrations } from '../../src/storage/apply-migrations.ts';
import { tempDir } from '../support/temp-dir.ts';

const repoMigrations = fileURLToPath(new URL('../../migrations/', import.meta.url));

describe('migration 0019 (directory group members, a row each)', () => {
  it('keeps the groups of a directory loaded before it', () => {
    const dir = join(tempDir(), 'migrations');
    mkdirSync(dir);
    const files = readdirSync(repoMigrations).filter((name) => /^\d{4}-.*\.sql$/.test(name)).sort();
    const copy = (until: number) => files.filter((name) => Number(name.slice(0, 4)) <= until).forEach((name) => copyFileSync(join(repoMigrations, name), join(dir, name)));
    // A database as the release before it left it, with a directory loaded.
    copy(18);
    const db = new Database(':memory:');
    expect(applyMigrations(db, dir)).toBe(18);
    const user = db.prepare("INSERT INTO directory_users (tenant, user_id, name, roles) VALUES (?, ?, ?, '[\"employee\"]')");
    user.run('acme', 'grace', 'Grace Hopper');
    user.run('globex', 'grace', 'Grace of Globex');
    const group = db.prepare('INSERT INTO directory_groups (tenant, group_id, name, members) VALUES (?, ?, ?, ?)');
    group.run('acme', 'security', 'Security', JSON.stringify(['grace', 'dev']));
    group.run('acme', 'legal', 'Legal', JSON.stringify(['hiro']));
    group.run('globex', 'finance', 'Finance', JSON.stringify(['grace']));

    copy(19);
    expect(applyMigrations(db, dir)).toBe(19);
    expect(findPerson(db, 'acme', 'id', 'grace')?.groups).toEqual(['security']);
    expect(findPerson(db, 'globex', 'id', 'grace')?.groups).toEqual(['finance']);
    db.close();
  });
});
