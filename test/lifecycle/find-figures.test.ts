import { describe, expect, it } from 'vitest';
import { diffSentence } from '../../src/lifecycle/diff-section-text.ts';
import { findFigures } from '../../src/lifecycle/find-figures.ts';

const found = (text: string) => findFigures(text).map((figure) => [figure.kind, figure.text]);

describe('findFigures', () => {
  it('reads amounts, percentages, durations, dates and times as single figures', () => {
    expect(found('Each Exec is allocated $1,850 USD per year')).toEqual([['money', '$1,850 USD']]);
    expect(found('you receive 75% of the daily allowance, £60 per day')).toEqual([['percent', '75%'], ['money', '£60']]);
    expect(found('within 2 working days, or four weeks for appeals')).toEqual([['duration', '2 working days'], ['duration', 'four weeks']]);
    expect(found('effective 2026-03-01 until 1 April 2027; as of March 8th, 2022; for FY23')).toEqual([
      ['date', '2026-03-01'], ['date', '1 April 2027'], ['date', 'March 8th, 2022'], ['date', 'FY23'],
    ]);
    expect(found('before 09:30 or 5 pm')).toEqual([['time', '09:30'], ['time', '5 pm']]);
    expect(found('step 3 of 12')).toEqual([['number', '3'], ['number', '12']]);
  });
});

describe('diffSentence', () => {
  it('treats an amount as one word, so a changed figure reads as a whole', () => {
    const segments = diffSentence('Each Exec is allocated $5,000 USD per year.', 'Each Exec is allocated $1,850 USD per year.');
    expect(segments.filter((segment) => segment.op !== 'same').map((segment) => segment.text.trim())).toEqual(['$5,000', '$1,850']);
  });
});
