import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { enqueueOutboxMessage } from '../outbox/enqueue-outbox-message.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { ExceptionRequest } from './exception-request.ts';

export type ExceptionEventType =
  | 'requested'
  | 'approval_recorded'
  | 'advanced'
  | 'decided'
  | 'info_requested'
  | 'info_provided'
  | 'withdrawn'
  | 'reminder'
  | 'escalated'
  | 'expiring'
  | 'expired';

/** The fields downstream systems and chat adapters need about a request. */
export function exceptionSummary(request: ExceptionRequest) {
  return {
    id: request.id,
    tenant: request.tenant,
    requester: request.requester,
    status: request.status,
    policy: { id: request.clause.policyId, version: request.clause.version, title: request.clause.title, section: request.clause.section },
    clause: request.clause.quote,
    justification: request.justification,
    amount: request.amount ?? null,
    currency: request.currency ?? null,
    startsOn: request.startsOn ?? null,
    endsOn: request.endsOn ?? null,
    stage: request.stage,
    stages: request.stages,
    escalatedTo: request.escalatedTo ?? null,
    decidedBy: request.decidedBy ?? null,
    decidedAt: request.decidedAt ?? null,
    decisionReason: request.decisionReason ?? null,
    expiresOn: request.expiresOn ?? null,
    revision: request.revision,
  };
}

/**
 * Records one thing that happened to a request, in the caller's transaction:
 * the action in the request's history, an audit event, and an outbox
 * message (topic `exception.<type>`) that delivers it downstream exactly
 * when the change commits.
 */
export function recordExceptionEvent(
  db: Db,
  event: { type: ExceptionEventType; request: ExceptionRequest; actor: string; at: string; action?: string; note?: string },
): void {
  const { request } = event;
  if (event.action) {
    statement(db, 'INSERT INTO exception_actions (tenant, request_id, stage, actor, action, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      request.tenant, request.id, request.stage, event.actor, event.action, event.note ?? null, event.at,
    );
  }
  const summary = exceptionSummary(request);
  appendAuditEvent(db, {
    tenant: request.tenant,
    type: `exception.${event.type}`,
    actor: event.actor,
    subject: `exception:${request.id}`,
    data: { ...summary, note: event.note ?? null },
    at: event.at,
  });
  enqueueOutboxMessage(db, {
    tenant: request.tenant,
    topic: `exception.${event.type}`,
    payload: { ...summary, actor: event.actor, note: event.note ?? null, at: event.at },
    idempotencyKey: `${request.tenant}:exception:${request.id}:${event.type}:${request.revision}:${event.actor}`,
    at: new Date(event.at),
  });
}
