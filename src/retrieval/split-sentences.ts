const abbreviations = /\b(?:e\.g|i\.e|etc|vs|approx|incl|no|dr|mr|mrs|ms|st|jr|sr|inc|ltd|co|u\.s|u\.k|a\.m|p\.m|fig|sec|min|max|dept)\.$/i;

/**
 * Splits one block (a paragraph, list item or table row) into sentences.
 * Abbreviations ("e.g.", "U.S.") and decimals do not end a sentence.
 */
export function splitSentences(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]["”’)]*\s+(?=["“(]?[\p{Lu}\d])/gu;
  for (const match of block.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[0].trimEnd().length;
    const candidate = block.slice(start, end).trim();
    if (abbreviations.test(candidate) || candidate.length < 12) continue;
    sentences.push(candidate);
    start = (match.index ?? 0) + match[0].length;
  }
  const rest = block.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
