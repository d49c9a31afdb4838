import type { Evidence } from '../retrieval/rank-evidence.ts';

/**
 * The words to quote for a piece of evidence: its best sentence, with the
 * sentences that complete it when it is only a lead-in ("To limit these
 * risks:") or too short to stand alone.
 */
export function quoteEvidence(evidence: Evidence): string {
  const sentences = evidence.section.sentences;
  const first = sentences[evidence.sentence];
  if (!first) return '';
  const parts = [first.text];
  let words = first.order.length;
  for (let next = evidence.sentence + 1; next < sentences.length && (words < 8 || /:$/.test(parts.at(-1) ?? '')) && parts.length < 4; next++) {
    const sentence = sentences[next]!;
    parts.push(sentence.text);
    words += sentence.order.length;
  }
  return parts.join(' ');
}
