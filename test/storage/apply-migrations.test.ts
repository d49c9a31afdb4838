import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors.ts';
import { applyMigrations } from '../../src/storage/apply-migrations.ts';
import { tempDir } from '../support/temp-dir.ts';

function migrationsDir(files: Record<string, string>): string {
  const dir = join(tempDir(), 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true });
const log = (db: Database.Database) => (db.prepare('SELECT step FROM log ORDER BY rowid').all() as { step: string }[]).map((r) => r.step);

describe('applying migrations', () => {
  it('applies them in numeric order, not name order, and records the version', () => {
    const dir = migrationsDir({
      '0002-second.sql': "INSERT INTO log VALUES ('second');",
      '0001-first.sql': "CREATE TABLE log (step TEXT); INSERT INTO log VALUES ('first');",
      '0010-tenth.sql': "INSERT INTO log VALUES ('tenth');",
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`000${i + 3}-filler.sql`, `INSERT INTO log VALUES ('${i + 3}');`])),
      'README.md': 'not a migration',
    });
    const db = new Database(':memory:');
    expect(applyMigrations(db, dir)).toBe(10);
    expect(userVersion(db)).toBe(10);
    expect(log(db)).toEqual(['first', 'second', '3', '4', '5', '6', '7', '8', '9', 'tenth']);
  });

  it('applies only the migrations newer than PRAGMA user_version', () => {
    const files = { '0001-first.sql': "CREATE TABLE log (step TEXT); INSERT INTO log VALUES ('first');" };
    const dir = migrationsDir(files);
    const db = new Database(':memory:');
    applyMigrations(db, dir);
    applyMigrations(db, dir);
    expect(log(db)).toEqual(['first']);
    writeFileSync(join(dir, '0002-second.sql'), "INSERT INTO log VALUES ('second');");
    applyMigrations(db, dir);
    expect(log(db)).toEqual(['first', 'second']);
    expect(userVersion(db)).toBe(2);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const dir = migrationsDir({
      '0001-first.sql': 'CREATE TABLE log (step TEXT);',
      '0002-broken.sql': "CREATE TABLE half (x); INSERT INTO missing_table VALUES ('boom');",
    });
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, dir)).toThrow(/missing_table/);
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it('refuses a gap in the numbering', () => {
    const dir = migrationsDir({ '0001-a.sql': 'SELECT 1;', '0003-c.sql': 'SELECT 1;' });
    expect(() => applyMigrations(new Database(':memory:'), dir)).toThrow(StorageError);
  });

  it('refuses a file name without a number', () => {
    const dir = migrationsDir({ 'init.sql': 'SELECT 1;' });
    expect(() => applyMigrations(new Database(':memory:'), dir)).toThrow(/0001-name\.sql/);
  });

  it('refuses a database newer than the code', () => {
    const dir = migrationsDir({ '0001-a.sql': 'SELECT 1;' });
    const db = new Database(':memory:');
    db.pragma('user_version = 5');
    expect(() => applyMigrations(db, dir)).toThrow(/schema version 5, newer than this code \(1\)/);
  });
});
