import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/retrieval/analyze-question.ts';
import { allTerms, stem } from '../../src/retrieval/analyze-text.ts';
import { questionBigrams, writesPair } from '../../src/retrieval/phrase-matches.ts';
import { isStopword } from '../../src/retrieval/stopwords.ts';

const concept = (word: string, idf: number): Concept => ({ text: word, forms: [{ stems: [stem(word)], text: word, weight: 1, df: 3, related: false }], idf, known: true });

describe('phrase matches', () => {
  it('pairs adjacent content words of the question, weighing each pair as its lighter word', () => {
    const concepts = [concept('variable', 3), concept('week', 1), concept('schedule', 2)];
    const bigrams = questionBigrams('on a variable week schedule, how long?', concepts);
    expect(bigrams).toEqual([
      { first: stem('variable'), second: stem('week'), weight: 1 },
      { first: stem('week'), second: stem('schedule'), weight: 1 },
    ]);
  });

  it('does not pair words across a stop word', () => {
    expect(questionBigrams('laptop for travel', [concept('laptop', 2), concept('travel', 2)])).toEqual([]);
  });

  it('finds a pair only where a text writes it side by side', () => {
    const [bigram] = questionBigrams('screen lock', [concept('screen', 2), concept('lock', 3)]);
    const writes = (text: string) => writesPair(allTerms(text), new Set(allTerms(text)), bigram!);
    expect(writes('Set your screen lock to one minute.')).toBe(true);
    expect(writes('Lock your screen when you leave.')).toBe(false);
  });

  it('reads a pair across an article or possessive, in the question and in the text', () => {
    const [bigram] = questionBigrams('should I delete the commit?', [concept('delete', 2), concept('commit', 3)]);
    expect(bigram).toMatchObject({ first: stem('delete'), second: stem('commit') });
    const writes = (text: string) => writesPair(allTerms(text), new Set(allTerms(text)), bigram!);
    expect(writes('Do not delete the commit itself.')).toBe(true);
    expect(writes('Delete your commit.')).toBe(true);
    expect(writes('Delete old branches before you commit.')).toBe(false);
  });

  it('treats an inflected stop word as a stop word, unless it means something of its own', () => {
    expect(isStopword('wants')).toBe(true);
    expect(isStopword('mins', (word) => word === 'mins')).toBe(false);
    expect(isStopword('laptops')).toBe(false);
  });
});
