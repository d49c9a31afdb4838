import type { Evidence } from '../retrieval/rank-evidence.ts';

/** A lead-in ("you must get approval from:") is followed by what it introduces, up to this many sentences and words. */
const maxListSentences = 4;
const maxListWords = 70;
/**
 * A section this short is quoted whole: its other sentences are the
 * conditions and amounts of the one that matched, or the other items of its
 * list ("Engineering team laptops:" and the models on offer).
 */
const wholeSectionSentences = 4;
const wholeSectionWords = 80;

/** First and last sentence to quote. */
function quoteRange(evidence: Evidence): { start: number; end: number } {
  const sentences = evidence.section.sentences;
  const words = sentences.reduce((sum, sentence) => sum + sentence.order.length, 0);
  if (sentences.length <= wholeSectionSentences && words <= wholeSectionWords) return { start: 0, end: sentences.length - 1 };
  return { start: evidence.start, end: quoteEnd(evidence) };
}

/** Index of the last sentence to quote: the passage's, or past the items a trailing lead-in introduces. */
function quoteEnd(evidence: Evidence): number {
  const sentences = evidence.section.sentences;
  let end = evidence.end;
  if (!/:$/.test(sentences[end]?.text ?? '')) return end;
  let words = 0;
  for (let next = end + 1; next < sentences.length && next - evidence.end <= maxListSentences; next++) {
    words += sentences[next]!.order.length;
    if (next > evidence.end + 1 && words > maxListWords) break;
    end = next;
    if (/:$/.test(sentences[next]!.text)) break;
  }
  return end;
}

/**
 * The words to quote for a piece of evidence: a short section whole (at most
 * four sentences and 80 words); otherwise its passage, extended when the
 * passage ends with a lead-in ("To limit these risks:") by what the lead-in
 * introduces (the next sentences or list items, a few at most).
 */
export function quoteEvidence(evidence: Evidence): string {
  const { start, end } = quoteRange(evidence);
  return evidence.section.sentences
    .slice(start, end + 1)
    .map((sentence) => sentence.text)
    .join(' ');
}

/**
 * The sentence that follows the quote in the same paragraph, which often
 * completes its point ("The effective date for your move." → "The effective
 * date needs to be the start of a pay period."), or undefined.
 */
export function quoteContinuation(evidence: Evidence): string | undefined {
  const sentences = evidence.section.sentences;
  const { end } = quoteRange(evidence);
  const next = sentences[end + 1];
  return next && next.block === sentences[end]!.block ? next.text : undefined;
}
