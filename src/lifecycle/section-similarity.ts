import { stem, words } from '../retrieval/analyze-text.ts';
import { stopwords } from '../retrieval/stopwords.ts';

/** A section's words as the aligner compares them: content words, and pairs of consecutive words (shingles) for word order. */
export type SectionFingerprint = { terms: Map<string, number>; shingles: Map<string, number>; size: number };

function count(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const value of counts.values()) sum += value;
  return sum;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [key, value] of small) shared += Math.min(value, large.get(key) ?? 0);
  return shared;
}

/** The fingerprint of a text: its stemmed words without stop words, and every pair of consecutive words. */
export function fingerprint(text: string): SectionFingerprint {
  // Stems, so "approves" and "approve", "hotels" and "hotel" count as the same word.
  const all = words(text).map((word) => (stopwords.has(word) ? word : stem(word)));
  const terms = count(all.filter((word) => !stopwords.has(word)));
  const shingles = count(all.slice(1).map((word, index) => `${all[index]} ${word}`));
  return { terms, shingles, size: total(terms) };
}

/**
 * How alike two texts are, 0 to 1: the mean of the Dice coefficients of
 * their content words (what they talk about) and of their word pairs (how
 * they say it). A reworded paragraph keeps most words and loses pairs; an
 * unrelated section shares neither.
 */
export function similarity(a: SectionFingerprint, b: SectionFingerprint): number {
  const termTotal = a.size + b.size;
  const shingleTotal = total(a.shingles) + total(b.shingles);
  const terms = termTotal === 0 ? 0 : (2 * overlap(a.terms, b.terms)) / termTotal;
  const shingles = shingleTotal === 0 ? terms : (2 * overlap(a.shingles, b.shingles)) / shingleTotal;
  return (terms + shingles) / 2;
}

/** How much of `part` is found in `whole` (content words), 0 to 1: for sections split from, or merged into, another. */
export function containment(part: SectionFingerprint, whole: SectionFingerprint): number {
  return part.size === 0 ? 0 : overlap(part.terms, whole.terms) / part.size;
}

/** A heading without its numbering, markup and punctuation: "3.1 Hotel limits:" and "Hotel limits" read the same. */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/^\s*(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.)]\s+/, '')
    .replace(/^\s*\d+(?:\.\d+)+\s+/, '')
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}

/** How alike two headings are, 0 to 1 (1: the same once numbering and punctuation are set aside). */
export function headingSimilarity(a: string, b: string): number {
  const x = normalizeHeading(a);
  const y = normalizeHeading(b);
  if (x === y) return 1;
  const setA = new Set(x.split(' ').filter((word) => word && !stopwords.has(word)).map(stem));
  const setB = new Set(y.split(' ').filter((word) => word && !stopwords.has(word)).map(stem));
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared++;
  return (2 * shared) / (setA.size + setB.size);
}
