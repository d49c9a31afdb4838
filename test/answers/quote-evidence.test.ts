import { describe, expect, it } from 'vitest';
import { quoteContinuation, quoteEvidence } from '../../src/answers/quote-evidence.ts';
import { allTerms } from '../../src/retrieval/analyze-text.ts';
import type { AnalyzedSection } from '../../src/retrieval/load-sections.ts';
import type { Evidence } from '../../src/retrieval/rank-evidence.ts';
import type { CatalogVersion } from '../../src/policies/load-catalog.ts';

/** A section of one paragraph per entry of `blocks`, each split at its full stops, and its best passage. */
function evidenceOf(blocks: string[][], start: number, end: number): Evidence {
  const sentences = blocks.flatMap((texts, block) =>
    texts.map((text) => {
      const order = allTerms(text);
      return { text, block, order, stems: new Set(order) };
    }),
  );
  const section: AnalyzedSection = { id: 1, textId: 1, versionId: 1, heading: 'Leave', path: [], headingStems: new Set(), contextStems: new Set(), sentences, length: 0 };
  return { section, version: {} as CatalogVersion, start, end, score: 1, coverage: 1, bm25: 1, absent: 0, framed: 0 };
}

const short = ['Everyone gets 25 days of holiday a year.', 'Book it in the HR tool.', 'Unused days do not carry over.', 'Bank holidays are extra.'];

describe('the words quoted for a piece of evidence', () => {
  it('quotes a short section whole: its other sentences are the conditions of the one that matched', () => {
    expect(quoteEvidence(evidenceOf([short], 2, 2))).toBe(short.join(' '));
  });

  it('quotes only the passage of a longer section, and offers the next sentence of its paragraph', () => {
    const long = [...short, 'Ask HR if you are unsure.'];
    const evidence = evidenceOf([long], 2, 2);
    expect(quoteEvidence(evidence)).toBe('Unused days do not carry over.');
    expect(quoteContinuation(evidence)).toBe('Bank holidays are extra.');
  });

  it('counts words as well as sentences: four long sentences are not a short section', () => {
    const wordy = short.map((sentence) => `${sentence.slice(0, -1)} in every office, team and country where the company employs people under a contract of employment.`);
    expect(quoteEvidence(evidenceOf([wordy], 0, 0))).toBe(wordy[0]);
  });

  it('follows a lead-in by what it introduces, a few items at most', () => {
    const blocks = [[...short, 'You must get approval from:'], ['your manager,'], ['your director,'], ['the People team,'], ['Finance,'], ['the CEO.']];
    expect(quoteEvidence(evidenceOf(blocks, 4, 4))).toBe('You must get approval from: your manager, your director, the People team, Finance,');
  });

  it('offers a lead-in that follows the quote with the items it introduces, never alone, and not the paragraph after them', () => {
    const blocks = [['Special leave is paid or unpaid time off outside annual leave.', 'Examples of special leave include:'], ['bereavements'], ['jury service'], ['The form is on the intranet.', 'Your manager signs it.', 'HR files it.', 'You get a copy.']];
    const evidence = evidenceOf(blocks, 0, 0);
    expect(quoteEvidence(evidence)).toBe('Special leave is paid or unpaid time off outside annual leave.');
    expect(quoteContinuation(evidence)).toBe('Examples of special leave include: bereavements jury service');
  });

  it('takes a paragraph announcing "the following" as a lead-in to the list after it', () => {
    const blocks = [['The following are examples of gross misconduct.', 'The list is not exhaustive.'], ['Theft;'], ['Fraud;'], ['Physical assault.'], [...short]];
    const evidence = evidenceOf(blocks, 0, 0);
    expect(quoteEvidence(evidence)).toBe('The following are examples of gross misconduct.');
    expect(quoteContinuation(evidence)).toBe('The list is not exhaustive. Theft; Fraud; Physical assault.');
  });
});
