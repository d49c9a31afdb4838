import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDirectoryFile } from '../src/directory/load-directory-file.ts';
import { parseMarkdownPolicy } from '../src/policies/parse-policy-file.ts';
import { examplesDir } from './support/examples.ts';

const tenants = readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('the example handbooks', () => {
  it('hold the tenants acme and globex', () => {
    expect(tenants).toEqual(['acme', 'globex']);
  });

  describe.each(tenants)('%s', (tenant) => {
    const directory = loadDirectoryFile(join(examplesDir, tenant, 'directory.yml'));
    const policyDir = join(examplesDir, tenant, 'policies');
    const policies = readdirSync(policyDir).map((name) => parseMarkdownPolicy(join(policyDir, name)));
    const userIds = new Set(directory.users.map((user) => user.id));
    const groupIds = new Set(directory.groups.map((group) => group.id));

    it('name only people who exist as managers and group members', () => {
      for (const user of directory.users) if (user.manager) expect(userIds).toContain(user.manager);
      for (const group of directory.groups) for (const member of group.members) expect(userIds).toContain(member);
    });

    it('give every policy an owner group from the directory, with its Slack and Teams channels', () => {
      for (const { metadata } of policies) {
        expect(groupIds).toContain(metadata.owner);
        const owner = directory.groups.find((group) => group.id === metadata.owner)!;
        expect(owner.slack_channel).toMatch(/^C0/);
        expect(owner.teams_channel).toMatch(/@thread\.tacv2$/);
      }
    });

    it('name only existing groups and departments in audiences', () => {
      const departments = new Set(directory.users.map((user) => user.department));
      for (const { metadata } of policies) {
        for (const group of metadata.audience?.groups ?? []) expect(groupIds).toContain(group);
        for (const department of metadata.audience?.departments ?? []) expect(departments).toContain(department);
      }
    });

    it('give everyone unique Slack ids, Teams ids (Entra object ids) and e-mails', () => {
      for (const key of ['slack_id', 'teams_id', 'email'] as const) {
        const values = directory.users.map((user) => user[key]).filter(Boolean);
        expect(new Set(values).size).toBe(values.length);
      }
      for (const user of directory.users) if (user.teams_id) expect(user.teams_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });
  });

  it('show every feature of the policy format in acme', () => {
    const policyDir = join(examplesDir, 'acme', 'policies');
    const metadata = readdirSync(policyDir).map((name) => parseMarkdownPolicy(join(policyDir, name)).metadata);
    const today = new Date().toISOString().slice(0, 10);
    expect(metadata.some((m) => m.status === 'retired' && m.id === 'travel')).toBe(true);
    expect(metadata.some((m) => m.status === 'draft')).toBe(true);
    expect(metadata.some((m) => m.jurisdiction === 'UK')).toBe(true);
    expect(metadata.some((m) => m.classification === 'public')).toBe(true);
    expect(metadata.some((m) => m.classification === 'confidential' && m.audience?.departments)).toBe(true);
    expect(metadata.some((m) => m.classification === 'restricted' && m.audience?.groups)).toBe(true);
    expect(metadata.some((m) => m.exceptions === 'not-allowed')).toBe(true);
    expect(metadata.some((m) => m.review_by !== undefined && m.review_by < today)).toBe(true);
    // Everything current is in effect and not stale except the one stale example, so the CLI and `npm start` behave as the tests do.
    for (const m of metadata.filter((x) => x.status === 'current')) expect(m.effective <= today).toBe(true);
    expect(metadata.filter((m) => m.status === 'current' && m.review_by !== undefined && m.review_by < today).map((m) => m.id)).toEqual(['code-of-conduct']);
  });
});
