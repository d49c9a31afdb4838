import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { AuditChainError } from './audit-chain-error.ts';
import { auditAnchorRow, genesisHash, type NewAuditEvent } from './audit-event.ts';
import { canonicalJson } from './canonical-json.ts';
import { hashAuditEvent } from './hash-audit-event.ts';
import { normalizeAuditTime } from './normalize-audit-time.ts';

function append(db: Db, event: NewAuditEvent): { seq: number; hash: string } {
  const last = statement<[], { seq: number; hash: string }>(db, 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  const anchor = auditAnchorRow.parse(statement(db, 'SELECT seq, hash FROM audit_anchor WHERE id = 1').get());
  const head = last ?? { seq: 0, hash: genesisHash };
  if (head.seq !== anchor.seq || head.hash !== anchor.hash) {
    throw new AuditChainError(
      `the audit trail's last event (seq ${head.seq}) does not match its anchor (seq ${anchor.seq}): it was cut or rewritten; run policy-desk audit verify`,
    );
  }
  const data = event.data === undefined ? null : event.data;
  const row = {
    seq: head.seq + 1,
    tenant: event.tenant,
    at: normalizeAuditTime(event.at, 'the audit event time'),
    type: event.type,
    actor: event.actor,
    subject: event.subject ?? null,
    data: canonicalJson(data),
    prev_hash: head.hash,
  };
  // Hash the data as it will read back, so what verify recomputes is what was hashed.
  const hash = hashAuditEvent({ ...row, data: JSON.parse(row.data) as unknown });
  statement(
    db,
    `INSERT INTO audit_events (seq, tenant, at, type, actor, subject, data, prev_hash, hash)
     VALUES (@seq, @tenant, @at, @type, @actor, @subject, @data, @prev_hash, @hash)`,
  ).run({ ...row, hash });
  return { seq: row.seq, hash };
}

/**
 * Appends one event to the audit trail and returns its seq and hash.
 *
 * Call it INSIDE the transaction that makes the change it records, so the
 * event commits (or rolls back) with that change; open that transaction with
 * `.immediate()` (BEGIN IMMEDIATE), so reading the head and inserting after it
 * happen under the write lock. (A deferred transaction that read the database
 * before another connection appended cannot fork the chain either: SQLite
 * refuses its write as SQLITE_BUSY_SNAPSHOT, but the caller then has to retry.)
 * Called outside any transaction, it opens its own immediate one.
 *
 * Throws AuditChainError, appending nothing, when the last event does not
 * match the anchor: a chain whose tail was cut is not silently continued.
 */
export function appendAuditEvent(db: Db, event: NewAuditEvent): { seq: number; hash: string } {
  if (db.inTransaction) return append(db, event);
  return db.transaction(() => append(db, event)).immediate();
}
