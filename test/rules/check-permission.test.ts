import { describe, expect, it } from 'vitest';
import { accessRulesSchema, actions, type AccessRules } from '../../src/rules/access-rules-schema.ts';
import { checkPermission } from '../../src/rules/check-permission.ts';
import { defaultAccessRules } from '../../src/rules/default-access-rules.ts';
import { person } from '../support/people.ts';

const rules = (input: unknown): AccessRules => accessRulesSchema.parse({ version: '1', ...(input as object) });

describe('checking a permission', () => {
  describe('without an access.yml (the defaults)', () => {
    const employee = person({ roles: ['employee'] });

    it('lets everyone in the directory ask and request', () => {
      expect(checkPermission(defaultAccessRules, employee, 'ask')).toEqual({ allowed: true, rule: 'default-ask' });
      expect(checkPermission(defaultAccessRules, employee, 'request')).toEqual({ allowed: true, rule: 'default-request' });
    });

    it('lets people with the reviewer role, or in any group, decide', () => {
      expect(checkPermission(defaultAccessRules, person({ roles: ['reviewer'] }), 'decide')).toEqual({ allowed: true, rule: 'default-decide-reviewer' });
      expect(checkPermission(defaultAccessRules, person({ groups: ['investigations'] }), 'decide')).toEqual({
        allowed: true,
        rule: 'default-decide-group-member',
      });
      expect(checkPermission(defaultAccessRules, employee, 'decide')).toEqual({
        allowed: false,
        rule: 'default-decide-reviewer, default-decide-group-member',
        reason: 'Deciding exceptions needs the reviewer role or membership of a reviewer group.',
      });
    });

    it('leaves drafting and publishing to comms, administration to admins, the audit to admins and auditors', () => {
      const comms = person({ roles: ['employee', 'comms'] });
      const admin = person({ roles: ['admin'] });
      const auditor = person({ roles: ['auditor'] });
      expect(checkPermission(defaultAccessRules, comms, 'draft')).toEqual({ allowed: true, rule: 'default-draft' });
      expect(checkPermission(defaultAccessRules, comms, 'publish')).toEqual({ allowed: true, rule: 'default-publish' });
      expect(checkPermission(defaultAccessRules, admin, 'administer')).toEqual({ allowed: true, rule: 'default-administer' });
      expect(checkPermission(defaultAccessRules, admin, 'read-audit')).toEqual({ allowed: true, rule: 'default-read-audit' });
      expect(checkPermission(defaultAccessRules, auditor, 'read-audit')).toEqual({ allowed: true, rule: 'default-read-audit' });
      expect(checkPermission(defaultAccessRules, auditor, 'administer')).toMatchObject({ allowed: false, rule: 'default-administer' });
      expect(checkPermission(defaultAccessRules, employee, 'publish')).toEqual({
        allowed: false,
        rule: 'default-publish',
        reason: 'Only people with the comms role publish announcements.',
      });
    });

    it('gives every refusal a rule and a reason', () => {
      for (const action of actions) {
        const result = checkPermission(defaultAccessRules, person({ roles: [], groups: [] }), action);
        expect(result.rule).not.toBe('');
        if (!result.allowed) expect(result.reason.length).toBeGreaterThan(10);
      }
    });
  });

  describe('with rules of the tenant', () => {
    it('replaces the defaults only for the actions the file names', () => {
      const tenant = rules({ allow: [{ id: 'managers-publish', action: 'publish', roles: ['manager'], reason: 'Managers publish.' }] });
      expect(checkPermission(tenant, person({ roles: ['comms'] }), 'publish')).toEqual({ allowed: false, rule: 'managers-publish', reason: 'Managers publish.' });
      expect(checkPermission(tenant, person({ roles: ['manager'] }), 'publish')).toEqual({ allowed: true, rule: 'managers-publish' });
      expect(checkPermission(tenant, person({ roles: ['comms'] }), 'draft')).toEqual({ allowed: true, rule: 'default-draft' });
    });

    it('ANDs the keys of a rule and ORs the values within a key', () => {
      const tenant = rules({
        allow: [{ id: 'uk-finance-managers', action: 'decide', roles: ['manager', 'director'], departments: ['finance'], locations: ['UK'], reason: 'r' }],
      });
      const check = (overrides: Parameters<typeof person>[0]) => checkPermission(tenant, person(overrides), 'decide').allowed;
      expect(check({ roles: ['manager'], department: 'finance', location: 'UK' })).toBe(true);
      expect(check({ roles: ['director'], department: 'Finance', location: 'UK-LON' })).toBe(true);
      expect(check({ roles: ['employee'], department: 'finance', location: 'UK' })).toBe(false);
      expect(check({ roles: ['manager'], department: 'sales', location: 'UK' })).toBe(false);
      expect(check({ roles: ['manager'], department: 'finance', location: 'US' })).toBe(false);
      expect(check({ roles: ['manager'], department: 'finance', location: 'UKRAINE' })).toBe(false);
      expect(check({ roles: ['manager'], department: undefined, location: 'UK' })).toBe(false);
    });

    it('matches groups, and "*" as any value of a key', () => {
      const tenant = rules({
        allow: [
          { id: 'legal', action: 'read-audit', groups: ['legal'], reason: 'Legal reads the audit.' },
          { id: 'located', action: 'ask', locations: ['*'], reason: 'People with a known location ask.' },
        ],
      });
      expect(checkPermission(tenant, person({ groups: ['legal'] }), 'read-audit')).toEqual({ allowed: true, rule: 'legal' });
      expect(checkPermission(tenant, person({ groups: ['finance'] }), 'read-audit').allowed).toBe(false);
      expect(checkPermission(tenant, person({ location: 'DE' }), 'ask').allowed).toBe(true);
      expect(checkPermission(tenant, person({ location: undefined }), 'ask')).toEqual({
        allowed: false,
        rule: 'located',
        reason: 'People with a known location ask.',
      });
    });

    it('lets a deny rule win over any allow rule, naming the deny rule and its reason', () => {
      const tenant = rules({
        allow: [{ id: 'all-request', action: 'request', everyone: true, reason: 'Everyone requests.' }],
        deny: [{ id: 'no-contractors', action: ['request', 'decide'], roles: ['contractor'], reason: 'Contractors raise exceptions through their agency.' }],
      });
      expect(checkPermission(tenant, person({ roles: ['contractor'] }), 'request')).toEqual({
        allowed: false,
        rule: 'no-contractors',
        reason: 'Contractors raise exceptions through their agency.',
      });
      expect(checkPermission(tenant, person({ roles: ['employee'] }), 'request')).toEqual({ allowed: true, rule: 'all-request' });
    });

    it('applies deny rules to actions left to the defaults too', () => {
      const tenant = rules({ deny: [{ id: 'auditors-independent', action: 'decide', roles: ['auditor'], reason: 'Auditors stay independent.' }] });
      expect(checkPermission(tenant, person({ roles: ['reviewer', 'auditor'] }), 'decide')).toEqual({
        allowed: false,
        rule: 'auditors-independent',
        reason: 'Auditors stay independent.',
      });
      expect(checkPermission(tenant, person({ roles: ['reviewer'] }), 'decide')).toEqual({ allowed: true, rule: 'default-decide-reviewer' });
    });

    it('uses the first matching allow rule, and names every allow rule of the action when none matches', () => {
      const tenant = rules({
        allow: [
          { id: 'admins', action: 'administer', roles: ['admin'], reason: 'Administrators change settings.' },
          { id: 'it-leads', action: 'administer', roles: ['manager'], departments: ['it'], reason: 'IT managers change settings.' },
        ],
      });
      expect(checkPermission(tenant, person({ roles: ['admin', 'manager'], department: 'it' }), 'administer')).toEqual({ allowed: true, rule: 'admins' });
      expect(checkPermission(tenant, person({ roles: ['manager'], department: 'it' }), 'administer')).toEqual({ allowed: true, rule: 'it-leads' });
      expect(checkPermission(tenant, person({ roles: ['manager'] }), 'administer')).toEqual({
        allowed: false,
        rule: 'admins, it-leads',
        reason: 'Administrators change settings. IT managers change settings.',
      });
    });

    it('a deny rule for everyone closes an action to all', () => {
      const tenant = rules({ deny: [{ id: 'no-publishing', action: 'publish', everyone: true, reason: 'Announcements are paused during the merger.' }] });
      expect(checkPermission(tenant, person({ roles: ['comms', 'admin'] }), 'publish')).toEqual({
        allowed: false,
        rule: 'no-publishing',
        reason: 'Announcements are paused during the merger.',
      });
    });
  });
});
