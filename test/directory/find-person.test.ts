import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPerson, tenantHasDirectory } from '../../src/directory/find-person.ts';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';

const directory = {
  users: [
    {
      id: 'grace',
      name: 'Grace Kim',
      email: 'grace.kim@acme.example',
      slack_id: 'U0ACMEGRACE',
      teams_id: '1f3e5d7c-9b2a-4c8e-a6d4-f2e0c8b6a4d2',
      department: 'security',
      location: 'US-CA',
      roles: ['employee', 'reviewer'],
      manager: 'hiro',
    },
    { id: 'hiro', name: 'Hiro Tanaka', roles: ['employee', 'manager'] },
  ],
  groups: [
    { id: 'security', name: 'Security team', members: ['grace'], slack_channel: 'C0ACMESEC' },
    { id: 'investigations', name: 'Workplace investigations', members: ['grace', 'hiro'] },
    { id: 'legal', name: 'Legal', members: ['hiro'] },
  ],
};

describe('finding a person in the directory', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    saveDirectory(db, 'acme', directory);
  });
  afterEach(() => db.close());

  const grace = {
    tenant: 'acme',
    id: 'grace',
    name: 'Grace Kim',
    email: 'grace.kim@acme.example',
    slackId: 'U0ACMEGRACE',
    teamsId: '1f3e5d7c-9b2a-4c8e-a6d4-f2e0c8b6a4d2',
    department: 'security',
    location: 'US-CA',
    roles: ['employee', 'reviewer'],
    manager: 'hiro',
    groups: ['investigations', 'security'],
  };

  it.each([
    ['id', 'grace'],
    ['slackId', 'U0ACMEGRACE'],
    ['teamsId', '1f3e5d7c-9b2a-4c8e-a6d4-f2e0c8b6a4d2'],
    ['email', 'Grace.Kim@ACME.example'],
  ] as const)('by %s, with the groups they belong to', (by, value) => {
    expect(findPerson(db, 'acme', by, value)).toEqual(grace);
  });

  it('leaves absent fields undefined', () => {
    expect(findPerson(db, 'acme', 'id', 'hiro')).toMatchObject({ email: undefined, location: undefined, department: undefined, groups: ['investigations', 'legal'] });
  });

  it('finds nobody for an unknown id, or in another tenant', () => {
    expect(findPerson(db, 'acme', 'id', 'mallory')).toBeUndefined();
    expect(findPerson(db, 'globex', 'id', 'grace')).toBeUndefined();
    expect(findPerson(db, 'globex', 'slackId', 'U0ACMEGRACE')).toBeUndefined();
  });

  it('knows which tenants have a directory', () => {
    expect(tenantHasDirectory(db, 'acme')).toBe(true);
    expect(tenantHasDirectory(db, 'globex')).toBe(false);
  });

  it('sees a replaced directory whole: people removed are gone, group changes apply', () => {
    saveDirectory(db, 'acme', { users: [directory.users[1]!], groups: [{ id: 'legal', name: 'Legal', members: [] }] });
    expect(findPerson(db, 'acme', 'id', 'grace')).toBeUndefined();
    expect(findPerson(db, 'acme', 'id', 'hiro')?.groups).toEqual([]);
  });

  it('does not touch another tenant when one is replaced', () => {
    saveDirectory(db, 'globex', { users: [{ id: 'hank', name: 'Hank Scorpio', roles: ['admin'] }], groups: [] });
    expect(findPerson(db, 'acme', 'id', 'grace')?.groups).toEqual(['investigations', 'security']);
  });
});
