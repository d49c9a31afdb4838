import type { Db } from '../storage/open-database.ts';
import { accessRulesSchema, type AccessRules } from './access-rules-schema.ts';
import { activeRules } from './active-rules.ts';
import { defaultAccessRules } from './default-access-rules.ts';

/** The access rules in force for a tenant: the version loaded last, or the defaults (docs/rules.md). */
export function activeAccessRules(db: Db, tenant: string): AccessRules {
  return activeRules(db, tenant, 'access', accessRulesSchema, defaultAccessRules);
}
