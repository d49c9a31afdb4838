import type { Evidence } from '../retrieval/rank-evidence.ts';

/** A lead-in ("you must get approval from:") is followed by what it introduces, up to this many sentences and words. */
const maxListSentences = 4;
const maxListWords = 70;

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
 * The words to quote for a piece of evidence: its passage, extended when the
 * passage ends with a lead-in ("To limit these risks:") by what the lead-in
 * introduces (the next sentences or list items, a few at most).
 */
export function quoteEvidence(evidence: Evidence): string {
  return evidence.section.sentences
    .slice(evidence.start, quoteEnd(evidence) + 1)
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
  const end = quoteEnd(evidence);
  const next = sentences[end + 1];
  return next && next.block === sentences[end]!.block ? next.text : undefined;
}
