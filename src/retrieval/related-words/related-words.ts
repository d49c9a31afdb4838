import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

let table: Map<string, string[]> | undefined;

/** The table written by scripts/build-related-words.ts from WordNet 3.1 (licence beside it), loaded on first use. */
function load(): Map<string, string[]> {
  const file = new URL('./wordnet.json.gz', import.meta.url);
  return new Map(Object.entries(JSON.parse(gunzipSync(readFileSync(file)).toString()) as Record<string, string[]>));
}

/** The dictionary forms a chat word may be an inflection of: "laptops" → "laptop", "fired" → "fire", "parties" → "party". */
function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return forms;
}

/**
 * Words with the same meaning as a single word in its commonest senses, from
 * WordNet ("fired" → "dismissed", "laid-off"; "vacation" → "holiday"): weak
 * alternatives for a question's words, for handbooks that say it differently.
 * The word itself, or the first of its base forms WordNet knows.
 */
export function relatedWords(word: string): string[] {
  table ??= load();
  for (const form of baseForms(word)) {
    const related = table.get(form);
    if (related) return related;
  }
  return [];
}
