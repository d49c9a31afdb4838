import { createHash } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { Directory } from './directory-schema.ts';

/**
 * Replaces a tenant's directory in one transaction: readers see the old one
 * or the new one, never half. A directory that differs from the last one
 * loaded is a configuration change, audited in the same transaction.
 * Returns whether it changed.
 */
export function saveDirectory(db: Db, tenant: string, directory: Directory, options: { actor?: string; now?: () => Date } = {}): boolean {
  const hash = createHash('sha256').update(JSON.stringify(directory)).digest('hex');
  return db.transaction(() => {
    const last = statement<[string], { hash: string }>(db, 'SELECT hash FROM directory_state WHERE tenant = ?').get(tenant);
    if (last?.hash === hash) return false;
    statement(db, 'DELETE FROM directory_users WHERE tenant = ?').run(tenant);
    statement(db, 'DELETE FROM directory_groups WHERE tenant = ?').run(tenant);
    statement(db, 'DELETE FROM directory_group_members WHERE tenant = ?').run(tenant);
    const insertUser = statement(
      db,
      `INSERT INTO directory_users (tenant, user_id, name, email, slack_id, teams_id, department, location, roles, manager)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const user of directory.users) {
      insertUser.run(tenant, user.id, user.name, user.email ?? null, user.slack_id ?? null, user.teams_id ?? null,
        user.department ?? null, user.location ?? null, JSON.stringify(user.roles), user.manager ?? null);
    }
    const insertGroup = statement(
      db,
      'INSERT INTO directory_groups (tenant, group_id, name, members, slack_channel, teams_channel) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertMember = statement(db, 'INSERT OR IGNORE INTO directory_group_members (tenant, group_id, user_id) VALUES (?, ?, ?)');
    for (const group of directory.groups) {
      insertGroup.run(tenant, group.id, group.name, JSON.stringify(group.members), group.slack_channel ?? null, group.teams_channel ?? null);
      for (const member of group.members) insertMember.run(tenant, group.id, member);
    }
    statement(db, 'INSERT INTO directory_state (tenant, hash) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET hash = excluded.hash').run(tenant, hash);
    appendAuditEvent(db, {
      tenant,
      type: 'config.changed',
      actor: options.actor ?? 'directory-load',
      subject: 'directory',
      data: { people: directory.users.length, groups: directory.groups.length, hash },
      at: (options.now ?? (() => new Date()))().toISOString(),
    });
    return true;
  }).immediate();
}
