import { describe, expect, it } from 'vitest';
import { applicableVersions } from '../../src/access/applicable-versions.ts';
import { catalogVersion, person } from '../support/people.ts';

const today = '2026-06-15';
const chosen = (...args: Parameters<typeof applicableVersions>) =>
  applicableVersions(...args)
    .map((v) => `${v.policyId}@${v.version}${v.jurisdiction ? `/${v.jurisdiction}` : ''}`)
    .sort();

describe('the versions that are guidance for a person today', () => {
  it('one per policy: the newest current version in effect', () => {
    const versions = [
      catalogVersion({ policyId: 'travel', version: '4.1', effective: '2025-01-01' }),
      catalogVersion({ policyId: 'travel', version: '4.2', effective: '2026-03-01' }),
      catalogVersion({ policyId: 'pto', version: '5.0', effective: '2026-01-01' }),
    ];
    expect(chosen(person(), versions, today)).toEqual(['pto@5.0', 'travel@4.2']);
  });

  it('never a retired version, even when it is the only one', () => {
    const versions = [
      catalogVersion({ policyId: 'travel', version: '3.0', status: 'retired', effective: '2023-04-01' }),
      catalogVersion({ policyId: 'expenses', version: '1.0', status: 'retired' }),
      catalogVersion({ policyId: 'travel', version: '4.2', effective: '2025-07-01' }),
    ];
    expect(chosen(person(), versions, today)).toEqual(['travel@4.2']);
  });

  it('never a draft, not even for its owner group or an admin', () => {
    const versions = [catalogVersion({ policyId: 'remote-work', version: '0.9', status: 'draft', owner: 'hr' })];
    expect(chosen(person({ groups: ['hr'] }), versions, today)).toEqual([]);
    expect(chosen(person({ roles: ['admin'] }), versions, today)).toEqual([]);
  });

  it('not a version whose effective date is still to come: the one before it applies until then', () => {
    const versions = [
      catalogVersion({ policyId: 'travel', version: '4.2', effective: '2025-07-01' }),
      catalogVersion({ policyId: 'travel', version: '5.0', effective: '2026-09-01' }),
      catalogVersion({ policyId: 'remote-work', version: '1.0', effective: '2026-12-01' }),
    ];
    expect(chosen(person(), versions, today)).toEqual(['travel@4.2']);
    expect(chosen(person(), versions, '2026-09-01')).toEqual(['travel@5.0']);
  });

  it('only versions the person may see', () => {
    const versions = [
      catalogVersion({ policyId: 'incident-response', classification: 'confidential', audience: { departments: ['security', 'it'] } }),
      catalogVersion({ policyId: 'workplace-investigations', classification: 'restricted', audience: { groups: ['investigations'] } }),
      catalogVersion({ policyId: 'code-of-conduct', classification: 'public' }),
    ];
    expect(chosen(person({ department: 'sales' }), versions, today)).toEqual(['code-of-conduct@1.0']);
    expect(chosen(person({ department: 'it' }), versions, today)).toEqual(['code-of-conduct@1.0', 'incident-response@1.0']);
    expect(chosen(person({ groups: ['investigations'] }), versions, today)).toEqual(['code-of-conduct@1.0', 'workplace-investigations@1.0']);
    expect(chosen(undefined, versions, today)).toEqual(['code-of-conduct@1.0']);
  });

  describe('jurisdiction variants', () => {
    const pto = [
      catalogVersion({ policyId: 'pto', version: '5.0', effective: '2026-01-01' }),
      catalogVersion({ policyId: 'pto', version: '5.0', effective: '2026-01-01', jurisdiction: 'UK' }),
    ];

    it('replace the general version for a person located in the jurisdiction', () => {
      expect(chosen(person({ location: 'UK' }), pto, today)).toEqual(['pto@5.0/UK']);
    });

    it('and for a location inside it (UK-SCT)', () => {
      expect(chosen(person({ location: 'UK-SCT' }), pto, today)).toEqual(['pto@5.0/UK']);
    });

    it('leave everyone else with the general version', () => {
      expect(chosen(person({ location: 'US' }), pto, today)).toEqual(['pto@5.0']);
      expect(chosen(person({ location: 'UKR' }), pto, today)).toEqual(['pto@5.0']);
      expect(chosen(person({ location: undefined }), pto, today)).toEqual(['pto@5.0']);
    });

    it('do not apply before their effective date', () => {
      const later = [pto[0]!, catalogVersion({ policyId: 'pto', version: '6.0', effective: '2026-10-01', jurisdiction: 'UK' })];
      expect(chosen(person({ location: 'UK' }), later, today)).toEqual(['pto@5.0']);
    });

    it('that the person may not see leave them the general version', () => {
      const hidden = [pto[0]!, catalogVersion({ policyId: 'pto', version: '5.0', jurisdiction: 'UK', classification: 'confidential', audience: { departments: ['hr'] } })];
      expect(chosen(person({ location: 'UK' }), hidden, today)).toEqual(['pto@5.0']);
    });

    it('the most specific one wins: US-CA over US', () => {
      const leave = [
        catalogVersion({ policyId: 'sick-leave', version: '2', effective: '2025-01-01' }),
        catalogVersion({ policyId: 'sick-leave', version: '2', effective: '2025-01-01', jurisdiction: 'US' }),
        catalogVersion({ policyId: 'sick-leave', version: '2', effective: '2025-01-01', jurisdiction: 'US-CA' }),
      ];
      expect(chosen(person({ location: 'US-CA' }), leave, today)).toEqual(['sick-leave@2/US-CA']);
      expect(chosen(person({ location: 'US-NY' }), leave, today)).toEqual(['sick-leave@2/US']);
      expect(chosen(person({ location: 'DE' }), leave, today)).toEqual(['sick-leave@2']);
    });
  });
});
