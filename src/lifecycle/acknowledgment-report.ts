import { z } from 'zod';
import { findPerson } from '../directory/find-person.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { authorizeAcknowledgments } from './authorize-acknowledgments.ts';
import { directoryPerson } from './compare-policy-versions.ts';
import { findVersion } from './find-version.ts';
import { refuse } from '../rules/refuse.ts';

export type AckPerson = { personId: string; name: string; department?: string; location?: string };

/** Who was asked to acknowledge a version, who did and who has not yet. */
export type AcknowledgmentReport = {
  tenant: string;
  policyId: string;
  version: string;
  versionId: number;
  title: string;
  jurisdiction?: string;
  effective: string;
  requests: { id: number; requestedBy: string; requestedByName: string; requestedAt: string; narrowedTo?: Record<string, string[]>; requested: number }[];
  requested: number;
  /** Everyone who acknowledged, asked or not (`requested` says which), earliest first. */
  acknowledged: (AckPerson & { acknowledgedAt: string; channel: string; requested: boolean })[];
  /** Asked and not yet acknowledged, by name. */
  outstanding: AckPerson[];
};

const narrowedRow = z.string().nullable().transform((json) => (json === null ? undefined : z.record(z.string(), z.array(z.string())).parse(JSON.parse(json))));

/**
 * The acknowledgments of one policy version (default: the current one in
 * force), for its owner group, admins, and those the access rules allow to
 * publish or read the audit. Refusals are audited and name the rule. This is
 * what `policy-desk ack report` prints and the console shows.
 */
export function acknowledgmentReport(db: Db, input: { tenant: string; viewer: string; policyId: string; version?: string; jurisdiction?: string; now: Date }): AcknowledgmentReport {
  const viewer = directoryPerson(db, input.tenant, input.viewer);
  const version = findVersion(db, input.tenant, viewer, { policyId: input.policyId, version: input.version, jurisdiction: input.jurisdiction, today: input.now.toISOString().slice(0, 10) });
  const permission = authorizeAcknowledgments(db, viewer, version, 'report');
  if (!permission.allowed) {
    const subject = `policy:${version.policyId}@${version.version}`;
    throw refuse(db, { tenant: input.tenant, actor: viewer.id, subject, action: 'ack.report', rule: permission.rule, reason: permission.reason, at: input.now.toISOString() });
  }
  const people = new Map<string, AckPerson>();
  const personOf = (id: string): AckPerson => {
    let known = people.get(id);
    if (!known) {
      const found = findPerson(db, input.tenant, 'id', id);
      known = { personId: id, name: found?.name ?? id, ...(found?.department ? { department: found.department } : {}), ...(found?.location ? { location: found.location } : {}) };
      people.set(id, known);
    }
    return known;
  };
  const requestRows = statement<[string, number], { id: number; requested_by: string; requested_at: string; narrowed_to: string | null; requested: number }>(
    db,
    `SELECT r.id, r.requested_by, r.requested_at, r.narrowed_to, (SELECT count(*) FROM ack_recipients x WHERE x.request_id = r.id) AS requested
       FROM ack_requests r WHERE r.tenant = ? AND r.version_id = ? ORDER BY r.id`,
  ).all(input.tenant, version.versionId);
  const recipients = new Set(
    statement<[string, number], { person_id: string }>(db, 'SELECT person_id FROM ack_recipients WHERE tenant = ? AND version_id = ?').all(input.tenant, version.versionId).map((row) => row.person_id),
  );
  const acks = statement<[string, number], { person_id: string; acknowledged_at: string; channel: string }>(
    db,
    'SELECT person_id, acknowledged_at, channel FROM acknowledgments WHERE tenant = ? AND version_id = ? ORDER BY acknowledged_at, person_id',
  ).all(input.tenant, version.versionId);
  const acknowledgedIds = new Set(acks.map((row) => row.person_id));
  return {
    tenant: input.tenant,
    policyId: version.policyId,
    version: version.version,
    versionId: version.versionId,
    title: version.title,
    ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}),
    effective: version.effective,
    requests: requestRows.map((row) => {
      const narrowedTo = narrowedRow.parse(row.narrowed_to);
      return { id: row.id, requestedBy: row.requested_by, requestedByName: personOf(row.requested_by).name, requestedAt: row.requested_at, ...(narrowedTo ? { narrowedTo } : {}), requested: row.requested };
    }),
    requested: recipients.size,
    acknowledged: acks.map((row) => ({ ...personOf(row.person_id), acknowledgedAt: row.acknowledged_at, channel: row.channel, requested: recipients.has(row.person_id) })),
    outstanding: [...recipients].filter((id) => !acknowledgedIds.has(id)).map(personOf).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Per version with acknowledgment requests, the counts, for a list in the console (versions of policies the viewer may report on). */
export function acknowledgmentOverview(db: Db, input: { tenant: string; viewer: string }): { policyId: string; version: string; versionId: number; title: string; jurisdiction?: string; requested: number; acknowledged: number; outstanding: number }[] {
  const viewer = directoryPerson(db, input.tenant, input.viewer);
  const catalog = loadCatalog(db, input.tenant);
  const rows = statement<[string, string], { version_id: number; requested: number; acknowledged: number }>(
    db,
    `SELECT x.version_id,
            count(*) AS requested,
            sum(EXISTS (SELECT 1 FROM acknowledgments a WHERE a.tenant = ? AND a.version_id = x.version_id AND a.person_id = x.person_id)) AS acknowledged
       FROM ack_recipients x WHERE x.tenant = ? GROUP BY x.version_id ORDER BY x.version_id`,
  ).all(input.tenant, input.tenant);
  return rows.flatMap((row) => {
    const version = catalog.byId.get(row.version_id);
    if (!version || !authorizeAcknowledgments(db, viewer, version, 'report').allowed) return [];
    return [{
      policyId: version.policyId,
      version: version.version,
      versionId: version.versionId,
      title: version.title,
      ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}),
      requested: row.requested,
      acknowledged: row.acknowledged,
      outstanding: row.requested - row.acknowledged,
    }];
  });
}
