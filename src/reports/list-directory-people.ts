import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { stringListColumn } from '../storage/json-column.ts';

export type DirectoryEntry = { id: string; name: string; department: string | undefined; roles: string[]; groups: string[] };

/** The tenants that have a directory loaded. */
export function listTenants(db: Db): string[] {
  return statement<[], { tenant: string }>(db, 'SELECT DISTINCT tenant FROM directory_users ORDER BY tenant')
    .all()
    .map((row) => row.tenant);
}

/** Everyone in one tenant's directory, with roles and reviewer groups, by name: what local sign-in offers. */
export function listDirectoryPeople(db: Db, tenant: string): DirectoryEntry[] {
  const groups = new Map<string, string[]>();
  for (const row of statement<[string], { group_id: string; member: string }>(
    db,
    'SELECT group_id, json_each.value AS member FROM directory_groups, json_each(directory_groups.members) WHERE tenant = ? ORDER BY group_id',
  ).all(tenant)) {
    groups.set(row.member, [...(groups.get(row.member) ?? []), row.group_id]);
  }
  return statement<[string], { user_id: string; name: string; department: string | null; roles: string }>(
    db,
    'SELECT user_id, name, department, roles FROM directory_users WHERE tenant = ? ORDER BY name',
  )
    .all(tenant)
    .map((row) => ({ id: row.user_id, name: row.name, department: row.department ?? undefined, roles: stringListColumn.parse(row.roles), groups: groups.get(row.user_id) ?? [] }));
}
