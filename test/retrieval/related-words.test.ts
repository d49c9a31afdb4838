import { describe, expect, it } from 'vitest';
import { relatedWords } from '../../src/retrieval/related-words/related-words.ts';
import { analyzeQuestion } from '../../src/retrieval/analyze-question.ts';
import type { TermStatistics } from '../../src/retrieval/term-statistics.ts';
import { stem } from '../../src/retrieval/analyze-text.ts';

describe('related words from WordNet', () => {
  it('gives the words of a chat word’s commonest senses, through its inflections', () => {
    expect(relatedWords('fired')).toEqual(expect.arrayContaining(['dismissed']));
    expect(relatedWords('vacation')).toContain('holiday');
    expect(relatedWords('vacations')).toContain('holiday');
    expect(relatedWords('qwzxv')).toEqual([]);
  });

  it('gives the words WordNet derives from it that the stemmer does not join to it', () => {
    // "pregnant" and "pregnancy" stem apart ("pregnant", "pregnanc"): a question with one misses a policy with the other.
    expect(relatedWords('pregnant')).toContain('pregnancy');
    expect(relatedWords('absent')).toContain('absence');
    expect(relatedWords('marry')).toContain('marriage');
    expect(relatedWords('pay')).toContain('payment');
    // "sickness" is "sick" to the stemmer already: listing it would only add a second, weaker match.
    expect(relatedWords('sick')).not.toContain('sickness');
  });

  it('adds them as weak forms that never make a word the policies lack look known', () => {
    const df = new Map([[stem('car'), 3]]);
    const stats = { sections: 100, df, surface: new Map(), byLength: new Map() } as unknown as TermStatistics;
    const [concept] = analyzeQuestion('automobile', stats);
    const car = concept!.forms.find((form) => form.text === 'car');
    expect(car?.df).toBe(3);
    expect(car?.weight).toBeLessThan(concept!.forms[0]!.weight);
    expect(concept!.known).toBe(false);
  });
});
