import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { enqueueOutboxMessage } from '../outbox/enqueue-outbox-message.ts';
import type { Db } from '../storage/open-database.ts';
import type { Draft } from './draft.ts';

/**
 * Records one step of an announcement (drafted, edited, submitted, reviewed,
 * approved, scheduled, published, refused...) in the caller's transaction:
 * an audit event `announcement.<type>` and an outbox message of the same
 * topic for downstream systems, committed with the change or not at all.
 */
export function recordDraftEvent(db: Db, event: { type: string; draft: Draft; actor: string; at: string; data?: Record<string, unknown>; key?: string }): void {
  const { draft } = event;
  const data = { draft: draft.id, status: draft.status, version: draft.currentVersion, topic: draft.topic, audience: draft.audience, ...event.data };
  appendAuditEvent(db, { tenant: draft.tenant, type: `announcement.${event.type}`, actor: event.actor, subject: `draft:${draft.id}`, data, at: event.at });
  enqueueOutboxMessage(db, {
    tenant: draft.tenant,
    topic: `announcement.${event.type}`,
    payload: { ...data, actor: event.actor, at: event.at },
    idempotencyKey: `${draft.tenant}:announcement:${draft.id}:${event.type}:${event.key ?? `${draft.revision}:${event.actor}`}`,
    at: new Date(event.at),
  });
}
