import { exceptionRowSchema, exceptionStatuses, type ExceptionRequest, type ExceptionStatus } from '../exceptions/exception-request.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type RegisterFilter = {
  status?: ExceptionStatus;
  /** Only requests from this person. */
  requester?: string;
  /** Only requests routed, at any stage, to one of these groups (or escalated to one). */
  groups?: string[];
  /** With `groups`: this person's own requests too. */
  viewer?: string;
  /** Approved exceptions ending on or before this date. */
  expiringBy?: string;
  limit?: number;
};

export const isExceptionStatus = (value: string): value is ExceptionStatus => (exceptionStatuses as readonly string[]).includes(value);

/**
 * The exception register of a tenant: every request with its status,
 * decision and, for approved ones, when the exception ends; newest first.
 */
export function exceptionRegister(db: Db, tenant: string, filter: RegisterFilter = {}): ExceptionRequest[] {
  return statement(
    db,
    `SELECT * FROM exception_requests r
      WHERE tenant = @tenant
        AND (@status IS NULL OR status = @status)
        AND (@requester IS NULL OR requester = @requester)
        AND (@expiringBy IS NULL OR (status = 'approved' AND expires_on <= @expiringBy))
        AND (@groups IS NULL
             OR requester = @viewer
             OR escalated_to IN (SELECT value FROM json_each(@groups))
             OR EXISTS (SELECT 1 FROM json_each(r.stages) s WHERE json_extract(s.value, '$.group') IN (SELECT value FROM json_each(@groups))))
      ORDER BY id DESC LIMIT @limit`,
  )
    .all({
      tenant,
      status: filter.status ?? null,
      requester: filter.requester ?? null,
      expiringBy: filter.expiringBy ?? null,
      groups: filter.groups ? JSON.stringify(filter.groups) : null,
      viewer: filter.viewer ?? null,
      limit: filter.limit ?? 500,
    })
    .map((row) => exceptionRowSchema.parse(row));
}
