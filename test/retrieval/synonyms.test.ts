import { describe, expect, it } from 'vitest';
import { longestSynonymPhrase, synonymsOf } from '../../src/retrieval/synonyms.ts';

describe('synonymsOf', () => {
  it('maps a chat word to the handbook words for it, and back', () => {
    expect(synonymsOf('freelance')).toContain('outside employment');
    expect(synonymsOf('outside employment')).toContain('freelance');
    expect(synonymsOf('supplier')).toContain('vendor');
    expect(synonymsOf('qualify')).toContain('eligible');
  });

  it('knows multi-word phrases, and looks far enough ahead to find them', () => {
    expect(synonymsOf('in a row')).toContain('consecutive');
    expect(synonymsOf('last day')).toContain('offboarding');
    expect(longestSynonymPhrase).toBeGreaterThanOrEqual(3);
  });

  it("finds a term written with an apostrophe or a hyphen as a question's words read it", () => {
    expect(synonymsOf('doctor note')).toContain('sick note');
    expect(synonymsOf('e bike')).toContain('bicycle');
    expect(synonymsOf('third party')).toContain('vendor');
  });

  it('has nothing for a word it does not know', () => {
    expect(synonymsOf('spaceship')).toEqual([]);
  });
});
