import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement for `sql` on `db`, prepared once per connection:
 * repositories call this instead of holding statements themselves.
 */
export function statement<Params extends unknown[] = unknown[], Row = unknown>(db: Database.Database, sql: string): Database.Statement<Params, Row> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared as unknown as Database.Statement<Params, Row>;
}
