import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/retrieval/analyze-question.ts';
import { buildFtsQuery } from '../../src/retrieval/build-fts-query.ts';
import type { TermStatistics } from '../../src/retrieval/term-statistics.ts';

const stats = (sections: number): TermStatistics => ({ generation: 1, sections, df: new Map(), surface: new Map(), byLength: new Map() });
const concept = (text: string, df: number, weight = 1, related = false): Concept => ({ text, idf: 1, known: true, forms: [{ stems: [text], text, weight, df, related }] });

describe('buildFtsQuery', () => {
  it('searches the rarest forms first, leaves out words most sections hold, and nothing the policies lack', () => {
    const query = buildFtsQuery([concept('policy', 900), concept('hotel', 12), concept('nightly', 0), concept('limit', 40)], stats(1000));
    expect(query).toBe('"hotel" OR "limit" OR "policy"');
  });

  it('keeps a search of a large tenant within its budget of postings, but always searches the rarest form', () => {
    expect(buildFtsQuery([concept('approval', 5000), concept('international', 2500), concept('trip', 3000), concept('ahead', 4000)], stats(100_000))).toBe('"international"');
    expect(buildFtsQuery([concept('office', 3600), concept('code', 4032)], stats(50_000))).toBe('"office"');
    expect(buildFtsQuery([concept('international', 1200), concept('trip', 1500), concept('ahead', 4000)], stats(100_000))).toBe('"international" OR "trip"');
  });

  it("searches the asker's words before rarer dictionary synonyms, which only get the budget left over", () => {
    // "piece of work" (a dictionary sense of "work") is rarer than "hotel", but a guess.
    const query = buildFtsQuery([concept('piece of work', 150, 0.4, true), concept('hotel', 2000), concept('night', 900), concept('pass', 400, 0.4, true)], stats(50_000));
    expect(query).toBe('"night" OR "hotel"');
    expect(buildFtsQuery([concept('piece of work', 15, 0.4, true), concept('hotel', 20), concept('night', 9)], stats(500))).toBe('"night" OR "hotel" OR "piece of work"');
  });

  it("searches every word the asker wrote before the synonyms of any of them", () => {
    // A small handbook: past the first six forms, only words held by few of its 60 sections are searched.
    const unpaid: Concept = { text: 'unpaid', idf: 1, known: true, forms: [{ stems: ['unpaid'], text: 'unpaid', weight: 1, df: 8, related: false }, { stems: ['leav', 'without', 'pai'], text: 'leave without pay', weight: 0.8, df: 1, related: false }] };
    const travelling: Concept = {
      text: 'travelling',
      idf: 1,
      known: true,
      forms: ['travelling', 'travel', 'traveling', 'business travel', 'trip', 'journey'].map((text, index) => ({ stems: [text], text, weight: index === 0 ? 1 : 0.8, df: index === 0 ? 2 : 6, related: false })),
    };
    expect(buildFtsQuery([concept('weeks', 9), unpaid, travelling], stats(60))).toBe('"travelling" OR "unpaid" OR "weeks" OR "leave without pay" OR "travel" OR "traveling"');
  });

  it('says there is nothing to search when the policies hold none of the words', () => {
    expect(buildFtsQuery([concept('spaceship', 0)], stats(100))).toBeUndefined();
  });
});
