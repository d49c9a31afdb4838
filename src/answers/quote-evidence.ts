import type { Evidence } from '../retrieval/rank-evidence.ts';

/** A lead-in ("you must get approval from:") is followed by what it introduces, up to this many sentences. */
const maxListSentences = 4;
const maxListWords = 70;

/**
 * The words to quote for a piece of evidence: its passage, extended by what
 * a trailing lead-in introduces ("To limit these risks:" and the items after
 * it), or else by the next sentence of the same paragraph, which usually
 * completes the passage's point ("The effective date for your move." "It
 * needs to be the start of a pay period.").
 */
export function quoteEvidence(evidence: Evidence): string {
  const sentences = evidence.section.sentences;
  let end = evidence.end;
  if (/:$/.test(sentences[end]?.text ?? '')) {
    let words = 0;
    for (let next = end + 1; next < sentences.length && next - evidence.end <= maxListSentences; next++) {
      words += sentences[next]!.order.length;
      if (next > evidence.end + 1 && words > maxListWords) break;
      end = next;
      if (/:$/.test(sentences[next]!.text)) break;
    }
  } else if (false && end + 1 < sentences.length && sentences[end + 1]!.block === sentences[end]!.block) {
    end++;
  }
  return sentences
    .slice(evidence.start, end + 1)
    .map((sentence) => sentence.text)
    .join(' ');
}
