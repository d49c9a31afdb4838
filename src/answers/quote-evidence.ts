import type { Sentence } from '../retrieval/load-sections.ts';
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
  // The passage, or past the items a trailing lead-in introduces.
  return { start: evidence.start, end: throughLeadIn(sentences, evidence.end) };
}

/**
 * Whether sentence `index` introduces what follows it: it ends with a colon,
 * or it ends a paragraph that announces "the following" ("The following are
 * examples of gross misconduct. The list is not exhaustive.") and a new block
 * comes next.
 */
function isLeadIn(sentences: Sentence[], index: number): boolean {
  const sentence = sentences[index];
  if (!sentence) return false;
  if (/:$/.test(sentence.text)) return true;
  const next = sentences[index + 1];
  if (!next || next.block === sentence.block) return false;
  return sentences.some((other) => other.block === sentence.block && /\bthe following\b/i.test(other.text));
}

/** Whether sentence `index` opens a block of several sentences: a paragraph after a list, not one of its items. */
function startsParagraph(sentences: Sentence[], index: number): boolean {
  const block = sentences[index]!.block;
  return sentences[index - 1]?.block !== block && sentences[index + 1]?.block === block;
}

/**
 * Index of the last sentence that belongs with sentence `end`: itself, or,
 * when it is a lead-in ("Examples include:"), the items it introduces, a few
 * at most: up to the next lead-in, and not into a paragraph after the items.
 */
function throughLeadIn(sentences: Sentence[], end: number): number {
  if (!isLeadIn(sentences, end)) return end;
  const leadIn = end;
  let words = 0;
  for (let next = leadIn + 1; next < sentences.length && next - leadIn <= maxListSentences; next++) {
    words += sentences[next]!.order.length;
    if (next > leadIn + 1 && (words > maxListWords || startsParagraph(sentences, next))) break;
    end = next;
    if (isLeadIn(sentences, next)) break;
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
 * date needs to be the start of a pay period."), or undefined. When it is a
 * lead-in ("Examples of special leave include:"), what it introduces comes
 * with it: a lead-in alone says nothing.
 */
export function quoteContinuation(evidence: Evidence): string | undefined {
  const sentences = evidence.section.sentences;
  const { end } = quoteRange(evidence);
  const next = sentences[end + 1];
  if (!next || next.block !== sentences[end]!.block) return undefined;
  return sentences
    .slice(end + 1, throughLeadIn(sentences, end + 1) + 1)
    .map((sentence) => sentence.text)
    .join(' ');
}
