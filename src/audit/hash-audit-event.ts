import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-event.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The sha256 (hex) of an event's canonical encoding: every field but the
 * hash itself, `prev_hash` included, so each event seals the whole chain
 * before it.
 */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { seq, tenant, at, type, actor, subject, data, prev_hash } = event;
  return createHash('sha256').update(canonicalJson({ seq, tenant, at, type, actor, subject, data, prev_hash })).digest('hex');
}
