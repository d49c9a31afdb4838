import { StorageError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import type { ExceptionRequest } from './exception-request.ts';
import { loadException } from './load-exception.ts';

const columns = {
  status: 'status',
  stage: 'stage',
  stageStartedAt: 'stage_started_at',
  escalatedTo: 'escalated_to',
  decidedAt: 'decided_at',
  decidedBy: 'decided_by',
  decisionReason: 'decision_reason',
  expiresOn: 'expires_on',
} as const;

export type RequestChanges = Partial<Record<keyof typeof columns, string | number | null>>;

/**
 * Applies changes to a request with compare-and-set on its revision (the
 * row must still be at the revision the caller read) and returns the new
 * state. Call inside a transaction.
 */
export function updateRequest(db: Db, request: ExceptionRequest, changes: RequestChanges): ExceptionRequest {
  const entries = Object.entries(changes) as [keyof typeof columns, string | number | null][];
  const assignments = entries.map(([key]) => `${columns[key]} = @${key}`);
  const result = db
    .prepare(`UPDATE exception_requests SET ${[...assignments, 'revision = revision + 1'].join(', ')} WHERE id = @id AND revision = @revision`)
    .run({ ...Object.fromEntries(entries), id: request.id, revision: request.revision });
  if (result.changes !== 1) throw new StorageError(`exception request ${request.id} changed under this update (revision ${request.revision})`);
  return loadException(db, request.tenant, request.id);
}
