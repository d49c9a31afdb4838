import type { TermStatistics } from './term-statistics.ts';

/** Levenshtein distance with transpositions, giving up past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The tenant's known stem closest to an unknown one ("requirment" →
 * "requir"), or undefined. Short words are never corrected: too many
 * neighbours. Ties go to the more frequent stem.
 */
export function correctSpelling(term: string, stats: TermStatistics): string | undefined {
  if (term.length < 5 || /\d/.test(term)) return undefined;
  const limit = term.length >= 9 ? 2 : 1;
  let best: { term: string; distance: number; df: number } | undefined;
  for (let length = term.length - limit; length <= term.length + limit; length++) {
    for (const candidate of stats.byLength.get(length) ?? []) {
      if (candidate[0] !== term[0] && candidate[1] !== term[1]) continue;
      const distance = editDistance(term, candidate, limit);
      if (distance > limit) continue;
      const df = stats.df.get(candidate) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && df > best.df)) best = { term: candidate, distance, df };
    }
  }
  return best?.term;
}
