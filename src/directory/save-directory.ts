import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { Directory } from './directory-schema.ts';

/** Replaces a tenant's directory in one transaction: readers see the old one or the new one, never half. */
export function saveDirectory(db: Db, tenant: string, directory: Directory): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM directory_users WHERE tenant = ?').run(tenant);
    statement(db, 'DELETE FROM directory_groups WHERE tenant = ?').run(tenant);
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
    for (const group of directory.groups) {
      insertGroup.run(tenant, group.id, group.name, JSON.stringify(group.members), group.slack_channel ?? null, group.teams_channel ?? null);
    }
  }).immediate();
}
