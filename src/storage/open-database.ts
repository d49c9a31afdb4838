import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './apply-migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file, sets the durability pragmas and
 * brings the schema up to date. `:memory:` works for tests.
 */
export function openDatabase(file: string, options: { migrationsDir?: string } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a decision acknowledged to a person survives a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Several processes (the service, the command line) may share one file.
  db.pragma('busy_timeout = 5000');
  // Searches read the full-text index and the sections table at random: keep
  // them in memory (64 MiB of page cache, up to 1 GiB memory-mapped).
  db.pragma('cache_size = -65536');
  if (file !== ':memory:') db.pragma('mmap_size = 1073741824');
  applyMigrations(db, options.migrationsDir);
  return db;
}
