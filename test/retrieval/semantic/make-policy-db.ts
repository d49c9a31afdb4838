import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveDirectory } from '../../../src/directory/save-directory.ts';
import { ingestPolicies } from '../../../src/policies/ingest-policies.ts';
import { openDatabase, type Db } from '../../../src/storage/open-database.ts';
import { statement } from '../../../src/storage/statement.ts';

/** Writes the policies (name → Markdown) to a fresh folder and ingests them for the tenant, with a one-person directory. */
export async function addTenant(db: Db, tenant: string, policies: Record<string, string>): Promise<void> {
  const dir = join(mkdtempSync(join(tmpdir(), 'policy-desk-semantic-')), tenant);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(policies)) writeFileSync(join(dir, name), text);
  saveDirectory(db, tenant, { users: [{ id: 'ana', name: 'Ana Souza', roles: ['employee'] }], groups: [] });
  const report = await ingestPolicies(db, tenant, dir);
  if (report.problems.length > 0) throw new Error(`fixture policies refused: ${report.problems.map((p) => p.message).join('; ')}`);
}

/** A fresh in-memory database (every migration applied) holding the given tenants. */
export async function makePolicyDb(tenants: Record<string, Record<string, string>>): Promise<Db> {
  const db = openDatabase(':memory:');
  for (const [tenant, policies] of Object.entries(tenants)) await addTenant(db, tenant, policies);
  return db;
}

/** JSON array of the ids of the tenant's versions of these policies, as retrieval is given them. */
export function versionIds(db: Db, tenant: string, ...policyIds: string[]): string {
  const ids = policyIds.flatMap((policyId) =>
    statement<[string, string], { id: number }>(db, 'SELECT id FROM policy_versions WHERE tenant = ? AND policy_id = ?')
      .all(tenant, policyId)
      .map((row) => row.id),
  );
  return JSON.stringify(ids);
}

/** The id of a tenant's section by policy and heading. */
export function sectionId(db: Db, tenant: string, policyId: string, heading: string): number {
  const row = statement<[string, string, string], { id: number }>(
    db,
    `SELECT s.id FROM sections s JOIN policy_versions v ON v.id = s.version_id
      WHERE s.tenant = ? AND v.policy_id = ? AND s.heading = ?`,
  ).get(tenant, policyId, heading);
  if (!row) throw new Error(`no section "${heading}" in ${tenant}/${policyId}`);
  return row.id;
}

export function policy(id: string, title: string, body: string, version = '1'): string {
  return `---\nid: ${id}\ntitle: ${title}\nversion: "${version}"\neffective: 2025-01-01\nowner: hr\n---\n\n# ${title}\n\n${body}\n`;
}
