import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { ackRequestCard } from '../chat/cards/ack-request-card.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import { InvalidRequestError } from '../errors.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { ackAudience, cleanNarrowing, type AckNarrowing } from './ack-audience.ts';
import { authorizeAcknowledgments } from './authorize-acknowledgments.ts';
import { directoryPerson } from './compare-policy-versions.ts';
import { findVersion } from './find-version.ts';
import { refuse } from '../rules/refuse.ts';

export type AckRequestInput = {
  tenant: string;
  /** Who asks: a member of the owner group, an admin, or someone allowed to publish. */
  by: string;
  policyId: string;
  /** Default: the current version in force. */
  version?: string;
  jurisdiction?: string;
  narrowing?: AckNarrowing;
  now: Date;
};

export type AckRequestOutcome = {
  /** The new request, or null when everyone in the audience was already asked (or had acknowledged). */
  requestId: number | null;
  policyId: string;
  version: string;
  title: string;
  audience: number;
  /** People asked by this request (one notice each). */
  requested: string[];
  alreadyRequested: number;
  alreadyAcknowledged: number;
};

/**
 * Asks the audience of a published version to acknowledge it: everyone who
 * may see it and to whom it applies (optionally narrowed by department,
 * location, role) gets one `chat.notice` with an Acknowledge button. People
 * asked before, or who already acknowledged, are not asked again, so
 * repeating a request (after new hires join) reaches only the new people.
 * The request, its recipients, their notices and the audit event commit
 * together. Refused, with the rule and an audit event, for people who may not.
 */
export function requestAcknowledgments(db: Db, input: AckRequestInput): AckRequestOutcome {
  const at = input.now.toISOString();
  const requester = directoryPerson(db, input.tenant, input.by);
  const version = findVersion(db, input.tenant, requester, { policyId: input.policyId, version: input.version, jurisdiction: input.jurisdiction, today: at.slice(0, 10) });
  const permission = authorizeAcknowledgments(db, requester, version, 'request');
  if (!permission.allowed) {
    const subject = `policy:${version.policyId}@${version.version}`;
    throw refuse(db, { tenant: input.tenant, actor: requester.id, subject, action: 'ack.request', rule: permission.rule, reason: permission.reason, at });
  }
  if (version.status !== 'current') {
    throw new InvalidRequestError('version', `Version ${version.version} of the ${version.title} is ${version.status}: only a published (current) version can be acknowledged.`);
  }
  const narrowing = cleanNarrowing(input.narrowing);
  const audience = ackAudience(db, input.tenant, version, loadCatalog(db, input.tenant).versions, narrowing);
  return db.transaction((): AckRequestOutcome => {
    const asked = new Set(
      statement<[string, number], { person_id: string }>(db, 'SELECT person_id FROM ack_recipients WHERE tenant = ? AND version_id = ?').all(input.tenant, version.versionId).map((row) => row.person_id),
    );
    const acknowledged = new Set(
      statement<[string, number], { person_id: string }>(db, 'SELECT person_id FROM acknowledgments WHERE tenant = ? AND version_id = ?').all(input.tenant, version.versionId).map((row) => row.person_id),
    );
    const fresh = audience.filter((person) => !asked.has(person.id) && !acknowledged.has(person.id));
    const outcome = {
      policyId: version.policyId,
      version: version.version,
      title: version.title,
      audience: audience.length,
      alreadyRequested: audience.filter((person) => asked.has(person.id)).length,
      alreadyAcknowledged: audience.filter((person) => acknowledged.has(person.id) && !asked.has(person.id)).length,
    };
    if (fresh.length === 0) return { requestId: null, requested: [], ...outcome };
    const { lastInsertRowid } = statement(db, 'INSERT INTO ack_requests (tenant, version_id, requested_by, requested_at, narrowed_to) VALUES (?, ?, ?, ?, ?)').run(
      input.tenant,
      version.versionId,
      requester.id,
      at,
      narrowing ? JSON.stringify(narrowing) : null,
    );
    const requestId = Number(lastInsertRowid);
    const insert = statement(db, 'INSERT INTO ack_recipients (tenant, version_id, person_id, request_id) VALUES (?, ?, ?, ?)');
    const card = ackRequestCard(version, requester.name);
    for (const person of fresh) {
      insert.run(input.tenant, version.versionId, person.id, requestId);
      enqueueNotice(db, { tenant: input.tenant, to: { person: person.id }, card, key: `ack:${input.tenant}:${version.versionId}:${person.id}`, at: input.now });
    }
    appendAuditEvent(db, {
      tenant: input.tenant,
      type: 'ack.requested',
      actor: requester.id,
      subject: `policy:${version.policyId}@${version.version}`,
      data: { requestId, versionId: version.versionId, ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}), narrowedTo: narrowing ?? null, requested: fresh.map((person) => person.id) },
      at,
    });
    return { requestId, requested: fresh.map((person) => person.id), ...outcome };
  }).immediate();
}
