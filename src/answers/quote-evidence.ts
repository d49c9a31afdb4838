import type { Evidence } from '../retrieval/rank-evidence.ts';

/**
 * The words to quote for a piece of evidence: its passage, extended by the
 * next sentence when the passage is only a lead-in ("To limit these risks:").
 */
export function quoteEvidence(evidence: Evidence): string {
  const sentences = evidence.section.sentences;
  let end = evidence.end;
  if (/:$/.test(sentences[end]?.text ?? '') && end + 1 < sentences.length) end++;
  return sentences
    .slice(evidence.start, end + 1)
    .map((sentence) => sentence.text)
    .join(' ');
}
