import type { Concept } from './analyze-question.ts';
import { stem, words } from './analyze-text.ts';
import { stopwords } from './stopwords.ts';

/** Two content words the question writes side by side ("variable week", "screen lock"), and what the pair counts. */
export type Bigram = { first: string; second: string; weight: number };

/**
 * Articles and possessives: they sit inside a phrase without changing what it
 * says ("delete the commit" is "delete commit", "return your laptop" is
 * "return laptop"), unlike prepositions ("laptop for travel" is not a
 * "travel laptop"). Unchanged by stemming.
 */
const determiners = new Set(['a', 'an', 'the', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those']);

/**
 * The question's adjacent pairs of content words (as stems), each weighing
 * as its lighter word: a passage that writes the same pair side by side says
 * the same thing, not merely the same words. Articles and possessives
 * between the two words are skipped, in the question and in the passage.
 */
export function questionBigrams(question: string, concepts: Concept[]): Bigram[] {
  const weightOf = new Map<string, number>();
  for (const concept of concepts) {
    const main = concept.forms[0];
    if (main && main.stems.length === 1) weightOf.set(main.stems[0]!, concept.idf);
  }
  const tokens = words(question).filter((word) => !determiners.has(word));
  const bigrams = new Map<string, Bigram>();
  for (let index = 0; index + 1 < tokens.length; index++) {
    const [a, b] = [tokens[index]!, tokens[index + 1]!];
    if (stopwords.has(a) || stopwords.has(b)) continue;
    const [first, second] = [stem(a), stem(b)];
    const weight = Math.min(weightOf.get(first) ?? 0, weightOf.get(second) ?? 0);
    if (weight > 0) bigrams.set(`${first} ${second}`, { first, second, weight });
  }
  return [...bigrams.values()];
}

/** Whether a run of stems (a sentence's or a heading's) writes the pair side by side. */
export function writesPair(order: readonly string[], stems: ReadonlySet<string>, bigram: Bigram): boolean {
  if (!stems.has(bigram.first) || !stems.has(bigram.second)) return false;
  for (let index = 0; index + 1 < order.length; index++) {
    if (order[index] !== bigram.first) continue;
    let next = index + 1;
    while (next < order.length && determiners.has(order[next]!)) next++;
    if (order[next] === bigram.second) return true;
  }
  return false;
}
