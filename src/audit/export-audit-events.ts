import { StorageError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { auditEventRow, type AuditEvent } from './audit-event.ts';
import { normalizeAuditTime } from './normalize-audit-time.ts';

export type AuditExportFilter = {
  tenant?: string;
  /** Events at or after this ISO time. */
  since?: string;
  /** Events strictly before this ISO time, so consecutive periods do not overlap. */
  until?: string;
};

/**
 * The audit events matching `filter`, in chain order, with `data` parsed.
 * A lazy iterator: the export streams, and the connection is busy until it
 * is exhausted or returned. Does not verify the chain (`verifyAuditChain`
 * does); an event that does not read back is a StorageError naming it.
 */
export function* exportAuditEvents(db: Db, filter: AuditExportFilter = {}): Generator<AuditEvent> {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.tenant !== undefined) {
    conditions.push('tenant = @tenant');
    params.tenant = filter.tenant;
  }
  if (filter.since !== undefined) {
    conditions.push('at >= @since');
    params.since = normalizeAuditTime(filter.since, '--since');
  }
  if (filter.until !== undefined) {
    conditions.push('at < @until');
    params.until = normalizeAuditTime(filter.until, '--until');
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = statement(db, `SELECT seq, tenant, at, type, actor, subject, data, prev_hash, hash FROM audit_events ${where} ORDER BY seq`).iterate(params);
  for (const raw of rows) {
    const parsed = auditEventRow.safeParse(raw);
    const seq = (raw as { seq?: unknown }).seq;
    if (!parsed.success) throw new StorageError(`audit event ${String(seq)} is malformed; run policy-desk audit verify`, { cause: parsed.error });
    let data: unknown;
    try {
      data = JSON.parse(parsed.data.data);
    } catch (error) {
      throw new StorageError(`audit event ${String(seq)} has data that is not JSON; run policy-desk audit verify`, { cause: error });
    }
    yield { ...parsed.data, data };
  }
}
