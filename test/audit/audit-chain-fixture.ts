import Database from 'better-sqlite3';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import type { AuditEventRow } from '../../src/audit/audit-event.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';

/** Thirty events of varied shape: two tenants, events with and without a subject, nested and odd data. */
export function sampleEvents(count = 30) {
  const types = ['answer.recorded', 'exception.requested', 'exception.decided', 'permission.denied', 'config.changed'];
  return Array.from({ length: count }, (_, i) => ({
    tenant: i % 3 === 0 ? 'globex' : 'acme',
    type: types[i % types.length]!,
    actor: i % 4 === 0 ? 'system' : `user-${i}`,
    ...(i % 5 === 2 ? {} : { subject: `answer:${i + 1}` }),
    data: i % 7 === 6 ? undefined : { n: i, status: 'answered', nested: { z: [1, 'two', null], a: true }, text: `Zoë's question ${i} — "quoted"` },
    at: new Date(Date.UTC(2026, 5, 1, 9, i)).toISOString(),
  }));
}

/** A fresh in-memory database holding a chain of `count` sample events. */
export function chainOf(count = 30): Db {
  const db = openDatabase(':memory:');
  for (const event of sampleEvents(count)) appendAuditEvent(db, event);
  return db;
}

/** What an attacker with the file does first: drops every guard trigger of the audit tables. */
export function dropAuditTriggers(db: Database.Database): void {
  const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_events', 'audit_anchor')").all() as { name: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

export function auditRows(db: Database.Database): AuditEventRow[] {
  return db.prepare('SELECT seq, tenant, at, type, actor, subject, data, prev_hash, hash FROM audit_events ORDER BY seq').all() as AuditEventRow[];
}

/** Stored values may be of any SQLite type once an attacker is at work (a blob where text was). */
export type TamperedRow = { [K in keyof AuditEventRow]: unknown };

/** Replaces the whole event table with `rows`, guards dropped, the anchor left as it was. */
export function rewriteEvents(db: Database.Database, rows: TamperedRow[]): void {
  dropAuditTriggers(db);
  db.exec('DELETE FROM audit_events');
  const insert = db.prepare('INSERT INTO audit_events (seq, tenant, at, type, actor, subject, data, prev_hash, hash) VALUES (@seq, @tenant, @at, @type, @actor, @subject, @data, @prev_hash, @hash)');
  for (const row of rows) insert.run(row);
}

/** A copy of an in-memory database, so each tampering starts from the same intact chain. */
export function copyDatabase(db: Database.Database): Database.Database {
  return new Database(db.serialize());
}

/** `hash` with its first hex digit changed. */
export function flipHex(hash: string): string {
  return `${hash[0] === '0' ? '1' : '0'}${hash.slice(1)}`;
}
