import { NotFoundError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { exceptionRowSchema, type ExceptionRequest } from './exception-request.ts';

/** One tenant's exception request by id; NotFoundError when it is not that tenant's. */
export function loadException(db: Db, tenant: string, id: number): ExceptionRequest {
  const row = statement(db, 'SELECT * FROM exception_requests WHERE tenant = ? AND id = ?').get(tenant, id);
  if (!row) throw new NotFoundError(`no exception request ${id}`);
  return exceptionRowSchema.parse(row);
}

export type ExceptionAction = { stage: number; actor: string; action: string; note: string | undefined; at: string };

/** What happened to a request, oldest first. */
export function exceptionHistory(db: Db, tenant: string, id: number): ExceptionAction[] {
  return statement<[string, number], { stage: number; actor: string; action: string; note: string | null; at: string }>(
    db,
    'SELECT stage, actor, action, note, at FROM exception_actions WHERE tenant = ? AND request_id = ? ORDER BY id',
  )
    .all(tenant, id)
    .map((row) => ({ ...row, note: row.note ?? undefined }));
}

/** Requests of a tenant, newest first, optionally by status or requester. */
export function listExceptions(db: Db, tenant: string, filter: { status?: string; requester?: string; limit?: number } = {}): ExceptionRequest[] {
  return statement(
    db,
    `SELECT * FROM exception_requests
      WHERE tenant = @tenant
        AND (@status IS NULL OR status = @status)
        AND (@requester IS NULL OR requester = @requester)
      ORDER BY id DESC LIMIT @limit`,
  )
    .all({ tenant, status: filter.status ?? null, requester: filter.requester ?? null, limit: filter.limit ?? 100 })
    .map((row) => exceptionRowSchema.parse(row));
}

/** Earlier decided requests on the same clause (policy and section), for the reviewer's packet. */
export function earlierDecisions(db: Db, request: ExceptionRequest, limit = 5): ExceptionRequest[] {
  return statement(
    db,
    `SELECT * FROM exception_requests
      WHERE tenant = ? AND policy_id = ? AND section_heading = ? AND id <> ?
        AND status IN ('approved', 'denied', 'expired')
      ORDER BY decided_at DESC LIMIT ?`,
  )
    .all(request.tenant, request.clause.policyId, request.clause.section, request.id, limit)
    .map((row) => exceptionRowSchema.parse(row));
}
