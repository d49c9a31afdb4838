import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/directory/find-person.ts';
import { loadDirectoryFile } from '../../src/directory/load-directory-file.ts';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import { loadPolicyRoot } from '../../src/policies/load-policy-root.ts';
import { parseMarkdownPolicy } from '../../src/policies/parse-policy-file.ts';
import { actions, type Action } from '../../src/rules/access-rules-schema.ts';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { activeRoutingRules } from '../../src/rules/active-routing-rules.ts';
import { checkPermission } from '../../src/rules/check-permission.ts';
import { loadAccessRules } from '../../src/rules/load-access-rules.ts';
import { loadRoutingRules } from '../../src/rules/load-routing-rules.ts';
import { routeException } from '../../src/rules/route-exception.ts';
import { validateRoutingAgainstDirectory } from '../../src/rules/validate-routing-against-directory.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { examplesDir } from '../support/examples.ts';

const acme = join(examplesDir, 'acme');
const directory = loadDirectoryFile(join(acme, 'directory.yml'));
const access = loadAccessRules(join(acme, 'access.yml'));
const routing = loadRoutingRules(join(acme, 'routing.yml'));

const db = openDatabase(':memory:');
saveDirectory(db, 'acme', directory);
const who = (id: string) => findPerson(db, 'acme', 'id', id)!;
const policy = (name: string) => parseMarkdownPolicy(join(acme, 'policies', name)).metadata;

const hour = 3_600_000;
const day = 24 * hour;

describe('the example rules of acme', () => {
  it('load, and name only groups, roles and departments of the acme directory', () => {
    expect(validateRoutingAgainstDirectory(routing, directory.groups)).toEqual([]);
    const groups = new Set(directory.groups.map((group) => group.id));
    const roles = new Set(directory.users.flatMap((user) => user.roles));
    const departments = new Set(directory.users.map((user) => user.department));
    for (const rule of [...access.allow, ...access.deny]) {
      for (const group of rule.groups ?? []) expect(groups).toContain(group);
      for (const role of rule.roles ?? []) expect(roles).toContain(role);
      for (const department of rule.departments ?? []) expect(departments).toContain(department);
    }
    for (const rule of routing.rules) for (const id of rule.match.policy ?? []) expect(() => policy(`${id}.md`)).not.toThrow();
  });

  describe('access', () => {
    const check = (id: string, action: Action) => checkPermission(access, who(id), action);

    it('let everyone ask and request', () => {
      for (const user of directory.users) {
        expect(check(user.id, 'ask')).toEqual({ allowed: true, rule: 'staff-ask' });
        expect(check(user.id, 'request')).toEqual({ allowed: true, rule: 'staff-request' });
      }
    });

    it('let reviewer group members decide, but not other people or the auditor', () => {
      expect(check('dev', 'decide')).toEqual({ allowed: true, rule: 'reviewers-decide' });
      expect(check('sam', 'decide')).toEqual({ allowed: true, rule: 'reviewers-decide' });
      expect(check('tom', 'decide')).toMatchObject({ allowed: false, rule: 'reviewers-decide' });
      expect(check('priya', 'decide')).toEqual({
        allowed: false,
        rule: 'auditors-stay-independent',
        reason: 'Auditors stay independent of what they audit, so they do not decide exceptions, publish announcements or change settings.',
      });
    });

    it('leave announcements to comms, with the People team drafting', () => {
      expect(check('nora', 'draft')).toEqual({ allowed: true, rule: 'comms-announce' });
      expect(check('nora', 'publish')).toEqual({ allowed: true, rule: 'comms-announce' });
      expect(check('lena', 'draft')).toEqual({ allowed: true, rule: 'people-team-drafts' });
      expect(check('lena', 'publish')).toEqual({
        allowed: false,
        rule: 'comms-announce',
        reason: 'Internal communications writes and sends policy announcements.',
      });
      expect(check('ana', 'draft')).toEqual({
        allowed: false,
        rule: 'comms-announce, people-team-drafts',
        reason: 'Internal communications writes and sends policy announcements. The People team may draft announcements of HR policy changes.',
      });
    });

    it('let the IT administrator administer, and admins, auditors and legal read the audit', () => {
      expect(check('olga', 'administer')).toEqual({ allowed: true, rule: 'it-admins-administer' });
      expect(check('ivan', 'administer')).toMatchObject({ allowed: false, reason: 'Only IT administrators change Policy Desk settings and rules.' });
      expect(check('olga', 'read-audit')).toEqual({ allowed: true, rule: 'auditors-read-audit' });
      expect(check('priya', 'read-audit')).toEqual({ allowed: true, rule: 'auditors-read-audit' });
      expect(check('maya', 'read-audit')).toEqual({ allowed: true, rule: 'legal-reads-audit' });
      expect(check('tom', 'read-audit')).toMatchObject({ allowed: false, rule: 'auditors-read-audit, legal-reads-audit' });
    });

    it('refuse nobody without a rule and a reason', () => {
      for (const user of directory.users) {
        for (const action of actions) {
          const result = check(user.id, action);
          expect(result.rule).not.toBe('');
          if (!result.allowed) expect(result.reason).toMatch(/\w+ \w+ \w+/);
        }
      }
    });
  });

  describe('routing', () => {
    const route = (file: string, requester: string, amount?: number) => {
      const meta = policy(file);
      return routeException(routing, { policyId: meta.id, owner: meta.owner, classification: meta.classification, amount, requester: who(requester) });
    };

    it('sends trips over $5,000 to Finance, then Legal; from the UK, then also to the People team', () => {
      expect(route('travel.md', 'tom', 6000)).toEqual({
        ruleId: 'travel-over-5000',
        stages: [
          { group: 'finance', quorum: 1, slaMs: 2 * day, escalateTo: 'legal' },
          { group: 'legal', quorum: 1, slaMs: 3 * day },
        ],
        reason: 'Trips over $5,000 need Finance and then Legal.',
      });
      expect(route('travel.md', 'amelia', 6000).stages.map((stage) => stage.group)).toEqual(['finance', 'legal', 'hr']);
      expect(route('travel.md', 'tom', 5000)).toEqual({ ruleId: 'default', stages: [{ group: 'finance', quorum: 1, slaMs: 3 * day }] });
    });

    it('sends confidential security runbooks to security, escalating to IT, and restricted legal procedures to both investigators', () => {
      expect(route('incident-response.md', 'ivan')).toEqual({
        ruleId: 'confidential-security',
        stages: [{ group: 'security', quorum: 1, slaMs: 8 * hour, escalateTo: 'it' }],
      });
      expect(route('information-security.md', 'ivan').ruleId).toBe('default');
      expect(route('workplace-investigations.md', 'sam')).toEqual({
        ruleId: 'restricted-legal',
        stages: [{ group: 'investigations', quorum: 2, slaMs: day, escalateTo: 'legal' }],
      });
    });

    it('adds the People team to other UK requests', () => {
      expect(route('code-of-conduct.md', 'amelia').stages).toEqual([
        { group: 'legal', quorum: 1, slaMs: 3 * day },
        { group: 'hr', quorum: 1, slaMs: 2 * day },
      ]);
      expect(route('pto.uk.md', 'amelia')).toEqual({ ruleId: 'people-policies', stages: [{ group: 'hr', quorum: 1, slaMs: 3 * day }] });
      expect(route('code-of-conduct.md', 'tom').ruleId).toBe('default');
    });

    it('sends expenses over $1,000 to Finance', () => {
      expect(route('expenses.md', 'tom', 1500).ruleId).toBe('expenses-over-1000');
      expect(route('expenses.md', 'tom', 1000).ruleId).toBe('default');
    });
  });

  it('are stored at start-up, once', async () => {
    const started = openDatabase(':memory:');
    const first = await loadPolicyRoot(started, examplesDir, { now: () => new Date('2026-03-01T08:00:00Z'), by: 'start-up' });
    const acmeLoad = first.find((load) => load.tenant === 'acme')!;
    expect(acmeLoad.access).toEqual({ file: join(acme, 'access.yml'), version: '2026.1', changed: true, problems: [] });
    expect(acmeLoad.routing).toEqual({ file: join(acme, 'routing.yml'), version: '2026.1', changed: true, problems: [] });
    expect(first.find((load) => load.tenant === 'globex')).not.toHaveProperty('access');
    expect(activeAccessRules(started, 'acme')).toEqual(access);
    expect(activeRoutingRules(started, 'acme')).toEqual(routing);
    expect(started.prepare("SELECT kind, loaded_at, loaded_by FROM tenant_rule_versions WHERE tenant = 'acme' ORDER BY kind").all()).toEqual([
      { kind: 'access', loaded_at: '2026-03-01T08:00:00.000Z', loaded_by: 'start-up' },
      { kind: 'routing', loaded_at: '2026-03-01T08:00:00.000Z', loaded_by: 'start-up' },
    ]);
    const again = await loadPolicyRoot(started, examplesDir);
    const acmeAgain = again.find((load) => load.tenant === 'acme')!;
    expect([acmeAgain.access?.changed, acmeAgain.routing?.changed]).toEqual([false, false]);
    expect(started.prepare('SELECT count(*) AS n FROM tenant_rule_versions').get()).toEqual({ n: 2 });
  });
});
