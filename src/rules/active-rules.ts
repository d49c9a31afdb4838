import { z } from 'zod';
import { StorageError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { RuleKind } from './rule-kind.ts';

type Cached = { id: number; rules: unknown };
const caches = new WeakMap<Db, Map<string, Cached>>();

const row = z.object({ id: z.number(), content: z.string() });

/**
 * A tenant's active rules of one kind, parsed with `schema`, or `fallback`
 * when none were ever loaded. The id of the latest row is the generation:
 * ids are never reused (AUTOINCREMENT), so the parsed rules are cached per
 * connection until a load here or in another process adds a row.
 */
export function activeRules<T>(db: Db, tenant: string, kind: RuleKind, schema: z.ZodType<T>, fallback: T): T {
  let perTenant = caches.get(db);
  if (!perTenant) caches.set(db, (perTenant = new Map()));
  const key = `${tenant}\u0000${kind}`;
  const latest = statement<[string, string], { id: number }>(
    db,
    'SELECT id FROM tenant_rule_versions WHERE tenant = ? AND kind = ? ORDER BY id DESC LIMIT 1',
  ).get(tenant, kind);
  if (!latest) return fallback;
  const cached = perTenant.get(key);
  if (cached && cached.id === latest.id) return cached.rules as T;
  const stored = row.parse(statement(db, 'SELECT id, content FROM tenant_rule_versions WHERE id = ?').get(latest.id));
  let rules: T;
  try {
    rules = schema.parse(JSON.parse(stored.content));
  } catch (error) {
    throw new StorageError(`stored ${kind} rules of tenant ${tenant} (row ${stored.id}) are not valid: ${(error as Error).message}`, { cause: error });
  }
  perTenant.set(key, { id: stored.id, rules });
  return rules;
}
