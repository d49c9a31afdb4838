import { createHash } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { AnnouncementSettings } from './announcement-settings.ts';

/** Stores a tenant's announcement settings; a change is audited as `config.changed`. Returns whether they changed. */
export function saveAnnouncementSettings(db: Db, tenant: string, settings: AnnouncementSettings, options: { at: Date; by: string }): boolean {
  const json = canonicalJson(settings);
  const hash = createHash('sha256').update(json).digest('hex');
  return db
    .transaction(() => {
      const last = statement<[string], { hash: string }>(db, 'SELECT hash FROM announcement_settings WHERE tenant = ?').get(tenant);
      if (last?.hash === hash) return false;
      const at = options.at.toISOString();
      statement(
        db,
        `INSERT INTO announcement_settings (tenant, settings, hash, loaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant) DO UPDATE SET settings = excluded.settings, hash = excluded.hash, loaded_at = excluded.loaded_at`,
      ).run(tenant, json, hash, at);
      appendAuditEvent(db, { tenant, type: 'config.changed', actor: options.by, subject: 'announcement-settings', data: { hash, channels: settings.channels.map((c) => c.id) }, at });
      return true;
    })
    .immediate();
}
