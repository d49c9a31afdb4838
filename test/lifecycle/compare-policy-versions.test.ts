import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, NotAllowedError, NotFoundError } from '../../src/errors.ts';
import { comparePolicyVersions } from '../../src/lifecycle/compare-policy-versions.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { lifecycleWorld } from './lifecycle-world.ts';

let db: Db;
beforeAll(async () => {
  ({ db } = await lifecycleWorld());
});

const compare = (viewer: string, policyId: string, extra: { from?: string; to?: string; jurisdiction?: string } = {}) => comparePolicyVersions(db, { tenant: 'acme', viewer, policyId, ...extra });

describe('comparePolicyVersions', () => {
  it('compares the two latest published versions an employee may see, the retired one included', () => {
    const comparison = compare('ana', 'leave');
    expect([comparison.from.version, comparison.from.status, comparison.to.version, comparison.to.status]).toEqual(['1', 'retired', '2', 'current']);
    expect(comparison.metadata).toEqual(expect.arrayContaining([{ field: 'status', before: 'retired', after: 'current' }, { field: 'review_by', after: '2027-06-01' }]));
    expect(comparison.keyFigures.map((figure) => `${figure.before} → ${figure.after}`)).toEqual(expect.arrayContaining(['20 days → 25 days', '10:00 → 09:30', '12 weeks → 16 weeks']));
  });

  it('shows a draft only to its owner group and admins, and only when named', () => {
    expect(compare('hana', 'leave').to.version).toBe('2');
    const draft = compare('hana', 'leave', { to: '3' });
    expect([draft.from.version, draft.to.version, draft.to.status]).toEqual(['2', '3', 'draft']);
    expect(draft.keyFigures.map((figure) => `${figure.before} → ${figure.after}`)).toEqual(['25 days → 27 days']);
    expect(compare('root', 'leave', { to: '3' }).to.status).toBe('draft');
    expect(() => compare('ana', 'leave', { to: '3' })).toThrow(NotFoundError);
    expect(() => compare('ana', 'leave', { to: '3' })).toThrow(/versions you can see: 1, 2\./);
  });

  it('keeps a confidential policy to its audience: anyone else is told there is no such policy', () => {
    expect(compare('fin', 'bonus').keyFigures.map((figure) => `${figure.before} → ${figure.after}`)).toEqual(['10% → 12%']);
    expect(() => compare('ana', 'bonus')).toThrow(new NotFoundError('There is no policy "bonus" that you can see.'));
    expect(() => compare('ana', 'no-such-policy')).toThrow(NotFoundError);
  });

  it('compares the variant that applies to the viewer, or the one named', () => {
    expect(() => compare('bo', 'leave')).toThrow(InvalidRequestError);
    expect(() => compare('bo', 'leave')).toThrow(/Leave policy \(UK\) has only one version you can see \(2\)/);
    expect(compare('bo', 'leave', { jurisdiction: '' }).to.version).toBe('2');
  });

  it('takes the versions named, in either order, and refuses the same version twice', () => {
    const backwards = compare('ana', 'leave', { from: '2', to: '1' });
    expect([backwards.from.version, backwards.to.version]).toEqual(['2', '1']);
    expect(compare('ana', 'leave', { from: '1' }).to.version).toBe('2');
    expect(() => compare('ana', 'leave', { from: '2', to: '2' })).toThrow(/Both sides are version 2/);
  });

  it('refuses someone who is not in the directory', () => {
    expect(() => compare('mallory', 'leave')).toThrow(NotAllowedError);
  });
});
