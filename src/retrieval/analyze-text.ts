import { stemmer } from 'stemmer';
import { stopwords } from './stopwords.ts';

/** Lower-cased words and numbers, accents removed, thousands separators joined ("2,000" → "2000"). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{Mark}/gu, '')
      .toLowerCase()
      .replace(/(\d),(\d{3})\b/g, '$1$2')
      .replace(/['’]s\b/g, '')
      .match(/[\p{Letter}\p{Number}]+/gu) ?? []
  );
}

const stemCache = new Map<string, string>();

/** Porter stem of one lower-case word, memoised (the vocabulary is small, the calls many). */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d/.test(word) ? word : stemmer(word);
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Stems of the words of `text`, stop words and one-letter words dropped. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((word) => !stopwords.has(word) && (word.length > 1 || /\d/.test(word)))
    .map(stem);
}

/** Stems of every word (stop words included): for matching phrases and sentences. */
export function allTerms(text: string): string[] {
  return words(text).map(stem);
}
