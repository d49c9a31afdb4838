import { describe, expect, it } from 'vitest';
import { canSeeVersion, locationMatches, matchesAudience, type VersionAccess } from '../../src/access/can-see-version.ts';
import { person } from '../support/people.ts';

const version = (overrides: Partial<VersionAccess>): VersionAccess => ({
  classification: 'internal',
  audience: undefined,
  status: 'current',
  owner: 'finance',
  ...overrides,
});

const engineer = person();
const securityEngineer = person({ id: 'grace', department: 'security', location: 'US-CA' });
const itAdmin = person({ id: 'olga', department: 'it', location: 'DE', roles: ['employee', 'admin'] });
const salesUk = person({ id: 'amelia', department: 'sales', location: 'UK' });
const investigator = person({ id: 'sam', department: 'compliance', groups: ['investigations'] });
const financeReviewer = person({ id: 'dev', department: 'finance', roles: ['employee', 'reviewer'], groups: ['finance'] });

describe('who may see a policy version', () => {
  it('public: anyone, even someone not in the directory', () => {
    expect(canSeeVersion(undefined, version({ classification: 'public' }))).toBe(true);
    expect(canSeeVersion(engineer, version({ classification: 'public' }))).toBe(true);
  });

  it('internal: anyone in the directory, nobody outside it', () => {
    expect(canSeeVersion(engineer, version({ classification: 'internal' }))).toBe(true);
    expect(canSeeVersion(undefined, version({ classification: 'internal' }))).toBe(false);
  });

  describe.each(['confidential', 'restricted'] as const)('%s', (classification) => {
    it('only the audience: values within a key are ORed', () => {
      const runbook = version({ classification, audience: { departments: ['security', 'it'] } });
      expect(canSeeVersion(securityEngineer, runbook)).toBe(true);
      expect(canSeeVersion(person({ department: 'it' }), runbook)).toBe(true);
      expect(canSeeVersion(engineer, runbook)).toBe(false);
      expect(canSeeVersion(undefined, runbook)).toBe(false);
    });

    it('keys are ANDed', () => {
      const bonus = version({ classification, audience: { departments: ['sales'], locations: ['UK'], roles: ['employee'] } });
      expect(canSeeVersion(salesUk, bonus)).toBe(true);
      expect(canSeeVersion(person({ department: 'sales', location: 'US' }), bonus)).toBe(false);
      expect(canSeeVersion(person({ department: 'engineering', location: 'UK' }), bonus)).toBe(false);
      expect(canSeeVersion(person({ department: 'sales', location: 'UK', roles: ['contractor'] }), bonus)).toBe(false);
    });

    it('by group membership', () => {
      const procedure = version({ classification, owner: 'legal', audience: { groups: ['investigations'] } });
      expect(canSeeVersion(investigator, procedure)).toBe(true);
      expect(canSeeVersion(financeReviewer, procedure)).toBe(false);
    });

    it('admins always', () => {
      expect(canSeeVersion(itAdmin, version({ classification, audience: { groups: ['investigations'] } }))).toBe(true);
      expect(canSeeVersion(itAdmin, version({ classification }))).toBe(true);
    });

    it('without an audience (or with an empty one), nobody but admins', () => {
      expect(canSeeVersion(securityEngineer, version({ classification }))).toBe(false);
      expect(canSeeVersion(securityEngineer, version({ classification, audience: {} }))).toBe(false);
    });
  });

  it('drafts: only the owner group and admins, whatever the classification', () => {
    const draft = version({ status: 'draft', classification: 'public', owner: 'finance' });
    expect(canSeeVersion(financeReviewer, draft)).toBe(true);
    expect(canSeeVersion(itAdmin, draft)).toBe(true);
    expect(canSeeVersion(engineer, draft)).toBe(false);
    expect(canSeeVersion(undefined, draft)).toBe(false);
  });

  it('retired versions stay visible as history to whoever could see them', () => {
    expect(canSeeVersion(engineer, version({ status: 'retired' }))).toBe(true);
    expect(canSeeVersion(engineer, version({ status: 'retired', classification: 'restricted', audience: { groups: ['investigations'] } }))).toBe(false);
  });
});

describe('audience matching', () => {
  it('compares departments, roles and groups without regard to case', () => {
    expect(matchesAudience(person({ department: 'Security', roles: ['Manager'], groups: ['Investigations'] }), {
      departments: ['security'],
      roles: ['manager'],
      groups: ['investigations'],
    })).toBe(true);
  });

  it('matches a location in a region: US-CA is in US, but US is not in US-CA', () => {
    expect(matchesAudience(person({ location: 'US-CA' }), { locations: ['US'] })).toBe(true);
    expect(matchesAudience(person({ location: 'US' }), { locations: ['US-CA'] })).toBe(false);
  });

  it('never matches a person who lacks the attribute', () => {
    expect(matchesAudience(person({ department: undefined }), { departments: ['security'] })).toBe(false);
    expect(matchesAudience(person({ location: undefined }), { locations: ['US'] })).toBe(false);
  });
});

describe('location codes', () => {
  it.each([
    ['UK', 'UK', true],
    ['UK-SCT', 'UK', true],
    ['uk-lon', 'UK', true],
    ['UKR', 'UK', false],
    ['US', 'UK', false],
    [undefined, 'UK', false],
  ])('%s in %s: %s', (location, code, expected) => {
    expect(locationMatches(location, code)).toBe(expected);
  });
});
