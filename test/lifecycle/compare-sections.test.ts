import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareSections, type SectionChange } from '../../src/lifecycle/compare-sections.ts';
import { describeFigureChange } from '../../src/lifecycle/figure-change.ts';
import { parseMarkdownPolicy } from '../../src/policies/parse-policy-file.ts';
import { examplesDir } from '../support/examples.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const sectionsOf = (file: string) => parseMarkdownPolicy(file).sections.map((section) => ({ heading: section.heading, path: section.path, body: section.blocks.join('\n') }));
const compareFiles = (before: string, after: string) => compareSections(sectionsOf(before), sectionsOf(after));
const find = (sections: SectionChange[], heading: string) => {
  const found = sections.find((section) => section.heading === heading);
  if (!found) throw new Error(`no section "${heading}" in ${sections.map((s) => s.heading).join(', ')}`);
  return found;
};
const figures = (section: SectionChange) => section.figures.map(describeFigureChange);

describe('compareSections on the Acme expenses policy 2.0 → 2.1', () => {
  const comparison = compareFiles(join(examplesDir, 'acme/policies/expenses.v2.0.md'), join(examplesDir, 'acme/policies/expenses.md'));

  it('matches a renamed section by its content and calls out its changed amounts', () => {
    const section = find(comparison.sections, 'What we reimburse');
    expect(section).toMatchObject({ kind: 'changed', renamed: true, before: { heading: 'Eligible expenses' } });
    expect(figures(section)).toEqual(['up to $75 → $90 per person including tip', 'your own car at $0.625 → $0.67 per mile']);
    const alcohol = section.changes.find((change) => change.kind === 'changed' && change.after.startsWith('We do not reimburse alcohol'));
    expect(alcohol).toBeDefined();
  });

  it('recognises a section that moved, and keeps its small edit', () => {
    const cards = find(comparison.sections, 'Corporate cards');
    expect(cards.kind).toBe('moved');
    expect(cards.changes).toHaveLength(1);
    expect(cards.changes[0]).toMatchObject({ kind: 'changed', segments: expect.arrayContaining([{ op: 'added', text: ', even if you intend to repay them' }]) });
  });

  it('calls out changed durations, counts and table values', () => {
    expect(figures(find(comparison.sections, 'Submitting a claim'))).toEqual([
      'claim in Ledgerly within 60 days → 30 days of the date you',
      'Claims older than 120 days → 90 days are not reimbursed',
    ]);
    expect(figures(find(comparison.sections, 'Receipts'))).toContain('do this at most 2 times → 3 times a year');
    expect(figures(find(comparison.sections, 'Approval limits'))).toEqual(['Claim total: $500 → $1,000', 'Claim total: $500 → $1,000 to $5,000']);
  });

  it('lists a removed section where it stood, and counts every kind', () => {
    const headings = comparison.sections.map((section) => `${section.kind}:${section.heading}`);
    expect(headings.indexOf('removed:Currency conversion')).toBe(headings.indexOf('changed:Approval limits') + 1);
    expect(comparison.counts).toEqual({ added: 0, removed: 1, changed: 5, moved: 1, unchanged: 0 });
  });
});

describe('compareSections on a restructured leave policy', () => {
  const comparison = compareFiles(join(fixtures, 'leave.v1.md'), join(fixtures, 'leave.v2.md'));

  it('compares a section split out of another with the text it came from', () => {
    const sickness = find(comparison.sections, '2. Sickness');
    expect(sickness).toMatchObject({ kind: 'added', splitFrom: 'Holidays and sick days' });
    expect(figures(sickness)).toEqual(['tell your manager before 10:00 → 09:30 on the first day', "For absences longer than 3 days → 5 days you need a doctor's"]);
    const holidays = find(comparison.sections, '1. Holidays');
    expect(holidays).toMatchObject({ kind: 'changed', renamed: true, splitInto: ['2. Sickness'] });
    // The sick-leave sentences are not reported as removed from Holidays: they moved to Sickness.
    expect(holidays.changes.map((change) => change.kind)).toEqual(['changed']);
  });

  it('matches a renamed and extended section, and tells added, removed and unchanged sections apart', () => {
    const family = find(comparison.sections, '4. Family leave');
    expect(family).toMatchObject({ kind: 'changed', before: { heading: 'Parental leave' } });
    expect(family.changes.map((change) => change.kind)).toEqual(['changed', 'added']);
    expect(figures(family)[0]).toBe('Birth parents receive 12 weeks → 16 weeks of fully paid leave');
    expect(find(comparison.sections, 'Jury duty').kind).toBe('removed');
    expect(find(comparison.sections, '5. Bereavement').kind).toBe('added');
    expect(find(comparison.sections, 'Contacts').kind).toBe('unchanged');
    expect(find(comparison.sections, '3. Unpaid leave')).toMatchObject({ kind: 'moved', before: { heading: 'Unpaid leave' } });
  });

  it('finds nothing changed between a version and itself', () => {
    const same = compareFiles(join(fixtures, 'leave.v2.md'), join(fixtures, 'leave.v2.md'));
    expect(same.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, unchanged: same.sections.length });
  });
});
