import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { StorageError } from '../errors.ts';

const defaultMigrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** `0003-outbox.sql` → 3. */
function migrationNumber(file: string): number {
  const match = /^(\d+)-.+\.sql$/.exec(file);
  if (!match) throw new StorageError(`migration file name must look like 0001-name.sql: ${file}`);
  return Number(match[1]);
}

/**
 * Applies every `migrations/NNNN-*.sql` newer than `PRAGMA user_version`, in
 * order, each in its own transaction together with the version bump, so a
 * crash leaves the schema at a known version.
 */
export function applyMigrations(db: Database.Database, dir = defaultMigrationsDir): number {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => ({ file, number: migrationNumber(file) }))
    .sort((a, b) => a.number - b.number);
  files.forEach((entry, index) => {
    if (entry.number !== index + 1) {
      throw new StorageError(`migrations must be numbered 1, 2, 3... without gaps; found ${entry.file}`);
    }
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > files.length) {
    throw new StorageError(`the database is at schema version ${current}, newer than this code (${files.length})`);
  }
  for (const { file, number } of files.slice(current)) {
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${number}`);
    }).immediate();
  }
  return files.length;
}
