import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { stringListColumn } from '../storage/json-column.ts';

/** Someone in a tenant's directory, with the groups they belong to. */
export type Person = {
  tenant: string;
  id: string;
  name: string;
  email: string | undefined;
  slackId: string | undefined;
  teamsId: string | undefined;
  department: string | undefined;
  location: string | undefined;
  roles: string[];
  manager: string | undefined;
  groups: string[];
};

const userRow = z.object({
  tenant: z.string(),
  user_id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  slack_id: z.string().nullable(),
  teams_id: z.string().nullable(),
  department: z.string().nullable(),
  location: z.string().nullable(),
  roles: stringListColumn,
  manager: z.string().nullable(),
});

const lookups = {
  id: 'user_id = ?',
  slackId: 'slack_id = ?',
  teamsId: 'teams_id = ?',
  email: 'email = lower(?)',
} as const;

/** Finds a person in one tenant's directory by id, Slack id, Teams (Entra) id or email. */
export function findPerson(db: Db, tenant: string, by: keyof typeof lookups, value: string): Person | undefined {
  const raw = statement(db, `SELECT * FROM directory_users WHERE tenant = ? AND ${lookups[by]} LIMIT 1`).get(tenant, value);
  if (!raw) return undefined;
  const row = userRow.parse(raw);
  const groups = statement<[string, string], { group_id: string }>(db, 'SELECT group_id FROM directory_group_members WHERE tenant = ? AND user_id = ? ORDER BY group_id')
    .all(tenant, row.user_id)
    .map((group) => group.group_id);
  return {
    tenant,
    id: row.user_id,
    name: row.name,
    email: row.email ?? undefined,
    slackId: row.slack_id ?? undefined,
    teamsId: row.teams_id ?? undefined,
    department: row.department ?? undefined,
    location: row.location ?? undefined,
    roles: row.roles,
    manager: row.manager ?? undefined,
    groups,
  };
}

/** The ids of a tenant's directory groups (hr, finance...). */
export function groupIds(db: Db, tenant: string): string[] {
  return statement<[string], { group_id: string }>(db, 'SELECT group_id FROM directory_groups WHERE tenant = ?').all(tenant).map((row) => row.group_id);
}

/** Whether a tenant has any directory loaded: unknown tenants are refused. */
export function tenantHasDirectory(db: Db, tenant: string): boolean {
  return statement(db, 'SELECT 1 FROM directory_users WHERE tenant = ? LIMIT 1').get(tenant) !== undefined;
}
