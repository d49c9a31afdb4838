import { routingRulesSchema } from '../../src/rules/routing-rules-schema.ts';
import { saveRuleVersion } from '../../src/rules/save-rule-version.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { makeTenant } from '../support/make-tenant.ts';

export const travel = `---
id: travel
title: Travel policy
version: "3"
effective: 2025-01-01
owner: finance
---

# Travel policy

## Airfare

Economy class is the default for all flights. Business class needs an exception.

## Lodging

The nightly hotel limit is 250 USD including taxes.
`;

export const security = `---
id: security
title: Security policy
version: "1"
effective: 2025-01-01
owner: security
exceptions: not-allowed
---

# Security policy

## Laptops

Full-disk encryption stays on at all times on every company laptop.
`;

export const investigations = `---
id: investigations
title: Investigations procedure
version: "1"
effective: 2025-01-01
owner: legal
classification: restricted
audience:
  groups: [legal]
---

# Investigations procedure

## Interviews

Two investigators attend every interview about business class fraud.
`;

/** A small company: ana asks; bob reports to ana; dev and fay review for finance; gil for legal; sec for security. */
export const directory = {
  users: [
    { id: 'kim', name: 'Kim Novak', roles: ['employee', 'manager'], department: 'leadership', location: 'US' },
    { id: 'ana', name: 'Ana Souza', roles: ['employee', 'manager'], department: 'engineering', location: 'US', manager: 'kim' },
    { id: 'bob', name: 'Bob Stone', roles: ['employee', 'reviewer'], department: 'finance', location: 'US', manager: 'ana' },
    { id: 'dev', name: 'Dev Raman', roles: ['employee', 'reviewer'], department: 'finance', location: 'US', manager: 'kim' },
    { id: 'fay', name: 'Fay Wong', roles: ['employee', 'reviewer'], department: 'finance', location: 'US', manager: 'kim' },
    { id: 'gil', name: 'Gil Adams', roles: ['employee', 'reviewer'], department: 'legal', location: 'US', manager: 'kim' },
    { id: 'sec', name: 'Sam Ellis', roles: ['employee', 'reviewer'], department: 'security', location: 'US', manager: 'kim' },
  ],
  groups: [
    { id: 'finance', name: 'Finance reviewers', members: ['bob', 'dev', 'fay'] },
    { id: 'legal', name: 'Legal reviewers', members: ['gil'] },
    { id: 'security', name: 'Security reviewers', members: ['sec'] },
  ],
};

export async function exceptionWorld(file?: string): Promise<Db> {
  const { db } = await makeTenant('acme', { 'travel.md': travel, 'security.md': security, 'investigations.md': investigations }, directory, file);
  return db;
}

/** Routing: travel requests over 1,000 need two finance approvals, then legal; finance escalates to legal after its SLA. */
export function useTwoStageRouting(db: Db): void {
  const rules = routingRulesSchema.parse({
    version: '1',
    rules: [
      {
        id: 'large-travel',
        match: { policy: 'travel', amount_over: 1000 },
        stages: [
          { group: 'finance', quorum: 2, sla: '2d', escalate_to: 'legal' },
          { group: 'legal', quorum: 1, sla: '1d' },
        ],
      },
    ],
  });
  saveRuleVersion(db, 'acme', 'routing', rules, { at: '2026-01-01T00:00:00Z', by: 'test' });
}

export function sectionOf(db: Db, policyId: string, heading: string): { versionId: number; sectionId: number } {
  return db
    .prepare(
      `SELECT s.version_id AS versionId, s.id AS sectionId FROM sections s JOIN policy_versions v ON v.id = s.version_id
        WHERE v.policy_id = ? AND s.heading = ?`,
    )
    .get(policyId, heading) as { versionId: number; sectionId: number };
}

export const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
