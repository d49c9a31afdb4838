import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database.ts';
import { tempDir } from '../support/temp-dir.ts';

const migrationCount = readdirSync(fileURLToPath(new URL('../../migrations/', import.meta.url))).filter((f) => f.endsWith('.sql')).length;

describe('opening the database', () => {
  it('creates the file and its folder, in WAL mode with synchronous FULL, foreign keys on and a busy timeout', () => {
    const file = join(tempDir(), 'nested', 'policy-desk.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(migrationCount);
    db.close();
  });

  it('brings the schema up to date: the tables the code relies on exist', () => {
    const db = openDatabase(':memory:');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['policy_versions', 'sections', 'sections_fts', 'term_stats', 'catalog_state', 'directory_users', 'directory_groups', 'answers']));
    db.close();
  });

  it('reopens an existing file without applying migrations twice', () => {
    const file = join(tempDir(), 'policy-desk.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrationCount);
    db.close();
  });
});
