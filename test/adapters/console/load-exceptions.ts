import type { Db } from '../../../src/storage/open-database.ts';

/** Every exception request's id, status and decider, for asserting outcomes. */
export function loadExceptions(db: Db) {
  return db.prepare('SELECT id, status, decided_by FROM exception_requests ORDER BY id').all();
}
