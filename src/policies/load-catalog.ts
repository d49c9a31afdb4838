import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { audienceSchema, classifications, statuses } from './policy-metadata.ts';

const versionRow = z
  .object({
    id: z.number(),
    tenant: z.string(),
    policy_id: z.string(),
    version: z.string(),
    jurisdiction: z.string(),
    title: z.string(),
    effective: z.string(),
    status: z.enum(statuses),
    owner: z.string(),
    classification: z.enum(classifications),
    audience: z
      .string()
      .nullable()
      .transform((json) => (json === null ? undefined : audienceSchema.parse(JSON.parse(json)))),
    review_by: z.string().nullable(),
    exceptions: z.enum(['allowed', 'not-allowed']),
    source: z.string().nullable(),
  })
  .transform((row) => ({
    versionId: row.id,
    tenant: row.tenant,
    policyId: row.policy_id,
    version: row.version,
    jurisdiction: row.jurisdiction || undefined,
    title: row.title,
    effective: row.effective,
    status: row.status,
    owner: row.owner,
    classification: row.classification,
    audience: row.audience,
    reviewBy: row.review_by ?? undefined,
    exceptions: row.exceptions,
    source: row.source ?? undefined,
  }));

/** One policy version as the rest of the code sees it. */
export type CatalogVersion = z.infer<typeof versionRow>;

export type Catalog = { tenant: string; generation: number; versions: CatalogVersion[]; byId: Map<number, CatalogVersion> };

const caches = new WeakMap<Db, Map<string, Catalog>>();

/** The generation counter of a tenant's policies (0 before any ingest). */
export function catalogGeneration(db: Db, tenant: string): number {
  const row = statement<[string], { generation: number }>(db, 'SELECT generation FROM catalog_state WHERE tenant = ?').get(tenant);
  return row?.generation ?? 0;
}

/**
 * Every policy version of one tenant, cached per connection until the
 * tenant's catalogue generation changes (an ingest here or in another process).
 */
export function loadCatalog(db: Db, tenant: string): Catalog {
  let perTenant = caches.get(db);
  if (!perTenant) caches.set(db, (perTenant = new Map()));
  const generation = catalogGeneration(db, tenant);
  const cached = perTenant.get(tenant);
  if (cached && cached.generation === generation) return cached;
  const versions = statement(db, 'SELECT * FROM policy_versions WHERE tenant = ? ORDER BY policy_id, effective, id')
    .all(tenant)
    .map((row) => versionRow.parse(row));
  const catalog = { tenant, generation, versions, byId: new Map(versions.map((version) => [version.versionId, version])) };
  perTenant.set(tenant, catalog);
  return catalog;
}
