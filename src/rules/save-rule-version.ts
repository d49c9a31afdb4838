import { createHash } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { RuleKind } from './rule-kind.ts';
import { RuleVersionConflict } from './rule-version-conflict.ts';

/**
 * Records a tenant's rules of one kind as the active version, unless they are
 * exactly the active ones already (then nothing is written and `changed` is
 * false, so loading at every start-up is safe). Returns `changed` so the
 * caller can audit a `config.changed` event. A version string that was loaded
 * before with other content is refused (`RuleVersionConflict`), as policies
 * are: new rules need a new version. Going back to an earlier version with
 * its earlier content is a change, recorded as a new row.
 */
export function saveRuleVersion(
  db: Db,
  tenant: string,
  kind: RuleKind,
  rules: { version: string },
  loaded: { at: Date | string; by: string },
): { version: string; changed: boolean } {
  const content = canonicalJson(rules);
  const hash = createHash('sha256').update(content).digest('hex');
  const at = typeof loaded.at === 'string' ? loaded.at : loaded.at.toISOString();
  return db
    .transaction(() => {
      const active = statement<[string, string], { content_hash: string }>(
        db,
        'SELECT content_hash FROM tenant_rule_versions WHERE tenant = ? AND kind = ? ORDER BY id DESC LIMIT 1',
      ).get(tenant, kind);
      if (active?.content_hash === hash) return { version: rules.version, changed: false };
      const earlier = statement<[string, string, string], { content_hash: string }>(
        db,
        'SELECT content_hash FROM tenant_rule_versions WHERE tenant = ? AND kind = ? AND version = ? LIMIT 1',
      ).get(tenant, kind, rules.version);
      if (earlier && earlier.content_hash !== hash) throw new RuleVersionConflict(tenant, kind, rules.version);
      statement(
        db,
        `INSERT INTO tenant_rule_versions (tenant, kind, version, content, content_hash, loaded_at, loaded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(tenant, kind, rules.version, content, hash, at, loaded.by);
      // A new rules version is a configuration change: audited with the write that makes it.
      appendAuditEvent(db, { tenant, type: 'config.changed', actor: loaded.by, subject: `rules:${kind}`, data: { version: rules.version, hash }, at });
      return { version: rules.version, changed: true };
    })
    // IMMEDIATE: two processes loading at once cannot both see "not stored yet".
    .immediate();
}
