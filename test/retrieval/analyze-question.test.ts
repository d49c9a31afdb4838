import { describe, expect, it } from 'vitest';
import { analyzeQuestion, joinParticles } from '../../src/retrieval/analyze-question.ts';
import { stem } from '../../src/retrieval/analyze-text.ts';
import type { TermStatistics } from '../../src/retrieval/term-statistics.ts';

/** Term statistics of a tiny tenant whose policies use these words, each in `df` sections. */
function statsOf(words: Record<string, number>): TermStatistics {
  const df = new Map<string, number>();
  const surface = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const [word, count] of Object.entries(words)) {
    const term = stem(word);
    df.set(term, count);
    surface.set(term, word);
    byLength.set(term.length, [...(byLength.get(term.length) ?? []), term]);
  }
  return { generation: 1, sections: 100, df, surface, byLength };
}

const formsOf = (question: string, stats: TermStatistics) => analyzeQuestion(question, stats).map((concept) => concept.forms.map((form) => form.stems.join(' ')));

describe('analyzeQuestion', () => {
  it('lets a phrase the lexicon knows be found by its own words too, as weak guesses', () => {
    const stats = statsOf({ jury: 2, duty: 3 });
    const [concept] = analyzeQuestion('jury duty next week', stats);
    expect(concept!.text).toBe('jury duty');
    const parts = concept!.forms.filter((form) => form.stems.length === 1 && [stem('jury'), stem('duty')].includes(form.stems[0]!) && form.related);
    expect(parts.map((form) => [form.text, form.weight])).toEqual(
      expect.arrayContaining([
        ['jury', 0.5],
        ['duty', 0.5],
      ]),
    );
  });

  it('reads chat English: contractions, connectives and abbreviations', () => {
    const stats = statsOf({ vacation: 4, people: 6, top: 2, benefit: 3 });
    const texts = (question: string) => analyzeQuestion(question, stats).map((concept) => concept.text);
    // "haven't" is not a harbour, and "on top of" is not about tops.
    expect(texts("haven't touched my benefit, do i lose it?")).toEqual(['touched', 'benefit', 'lose']);
    expect(texts('is there vacation on top of pto?')).toEqual(['vacation', 'pto']);
    expect(texts('which laptop is at the top of the list?')).toContain('top');
    expect(formsOf('how do i tell ppl', stats).flat()).toContain(stem('people'));
  });

  it('corrects a misspelt word to the tenant\'s spelling', () => {
    const stats = statsOf({ reimbursement: 5, password: 3 });
    expect(formsOf('when is my reimbursment paid', stats).flat()).toContain(stem('reimbursement'));
  });

  it('leaves an English word alone even when the policies hold a word one letter away', () => {
    const stats = statsOf({ press: 2, design: 9, sick: 4 });
    const forms = formsOf('is there a dress code, and can I resign by email or stick a note?', stats).flat();
    expect(forms).not.toContain(stem('press'));
    expect(forms).not.toContain(stem('design'));
    expect(forms).not.toContain(stem('sick'));
  });

  it('never corrects a handbook synonym the tenant does not use into a different word', () => {
    // "shift" is a synonym of "schedule"; this tenant only has "shirt".
    const stats = statsOf({ schedule: 4, shirt: 1 });
    expect(formsOf('can I change my schedule?', stats).flat()).not.toContain(stem('shirt'));
  });

  it('recognises a phrasal verb whose particle stands after its object', () => {
    expect(joinParticles(['send', 'their', 'laptop', 'back'])).toEqual(['send', 'back', 'their', 'laptop']);
    expect(joinParticles(['roll', 'unused', 'holiday', 'days', 'over'])).toEqual(['roll', 'over', 'unused', 'holiday', 'days']);
    const stats = statsOf({ return: 4, laptop: 3 });
    expect(formsOf('do I send my laptop back?', stats).flat()).toContain(stem('return'));
  });

  it('leaves a particle in a phrase of its own, and particles nobody pairs with the verb', () => {
    expect(joinParticles(['a', 'week', 'anyone', 'need', 'to', 'sign', 'off'])).toEqual(['a', 'week', 'anyone', 'need', 'to', 'sign', 'off']);
    expect(joinParticles(['look', 'at', 'the', 'form', 'up'])).toEqual(['look', 'at', 'the', 'form', 'up']);
  });
});
