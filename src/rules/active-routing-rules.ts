import type { Db } from '../storage/open-database.ts';
import { activeRules } from './active-rules.ts';
import { defaultRoutingRules } from './default-routing-rules.ts';
import { routingRulesSchema, type RoutingRules } from './routing-rules-schema.ts';

/** The exception routing rules in force for a tenant: the version loaded last, or none (owner group, docs/rules.md). */
export function activeRoutingRules(db: Db, tenant: string): RoutingRules {
  return activeRules(db, tenant, 'routing', routingRulesSchema, defaultRoutingRules);
}
