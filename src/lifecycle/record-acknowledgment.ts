import { canSeeVersion } from '../access/can-see-version.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { InvalidRequestError, NotFoundError } from '../errors.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { directoryPerson } from './compare-policy-versions.ts';

export type AckOutcome = { outcome: 'recorded' | 'already'; acknowledgedAt: string; version: CatalogVersion };

/**
 * Records that a person acknowledged a policy version (by its stored id, as
 * a button carries it; everything else is re-read). Idempotent: a second
 * click, or a retried delivery, keeps the first time and audits nothing new.
 * A version the person may not see is "not found"; drafts and retired
 * versions cannot be acknowledged.
 */
export function recordAcknowledgment(db: Db, input: { tenant: string; person: string; versionId: number; channel: string; now: Date }): AckOutcome {
  const person = directoryPerson(db, input.tenant, input.person);
  const version = loadCatalog(db, input.tenant).byId.get(input.versionId);
  if (!version || !canSeeVersion(person, version)) throw new NotFoundError('That policy version is not one you can see.');
  if (version.status !== 'current') throw new InvalidRequestError('version', `Version ${version.version} of the ${version.title} is ${version.status}; there is nothing to acknowledge.`);
  const at = input.now.toISOString();
  return db.transaction((): AckOutcome => {
    const inserted = statement(
      db,
      `INSERT INTO acknowledgments (tenant, version_id, person_id, acknowledged_at, channel) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant, version_id, person_id) DO NOTHING`,
    ).run(input.tenant, version.versionId, person.id, at, input.channel);
    if (inserted.changes === 0) {
      const existing = statement<[string, number, string], { acknowledged_at: string }>(
        db,
        'SELECT acknowledged_at FROM acknowledgments WHERE tenant = ? AND version_id = ? AND person_id = ?',
      ).get(input.tenant, version.versionId, person.id)!;
      return { outcome: 'already', acknowledgedAt: existing.acknowledged_at, version };
    }
    appendAuditEvent(db, {
      tenant: input.tenant,
      type: 'ack.recorded',
      actor: person.id,
      subject: `policy:${version.policyId}@${version.version}`,
      data: { versionId: version.versionId, ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}), channel: input.channel },
      at,
    });
    return { outcome: 'recorded', acknowledgedAt: at, version };
  }).immediate();
}
