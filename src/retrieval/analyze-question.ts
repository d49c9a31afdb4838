import { stem, words } from './analyze-text.ts';
import { correctSpelling } from './correct-spelling.ts';
import { isStopword } from './stopwords.ts';
import { relatedWords } from './related-words/related-words.ts';
import { longestSynonymPhrase, synonymsOf } from './synonyms.ts';
import { idf, type TermStatistics } from './term-statistics.ts';
import { isEnglishWord, topicalWeight } from './english-frequency.ts';

/** One way a concept can appear in a policy: the stems of a word or phrase, and how much a match counts. */
export type Form = {
  stems: string[];
  text: string;
  weight: number;
  df: number;
  /** A dictionary (WordNet) synonym: a guess at the sense, not the asker's word or a handbook synonym of it. */
  related: boolean;
  /** Every word of a phrase, matched anywhere in a passage and its headings, not within one sentence. */
  apart?: boolean;
};

/** One thing the question is about ("hotel"), with every way a handbook may say it. */
export type Concept = { text: string; forms: Form[]; idf: number; known: boolean };

const hasSynonyms = (word: string) => synonymsOf(word).length > 0;

/** One kind of form: every word's stem must match, but only content words have statistics. */
function stemsOf(text: string): { stems: string[]; counted: string[] } {
  const all = words(text);
  const content = all.filter((word) => !isStopword(word, hasSynonyms));
  // A phrase keeps every word ("time off" is not "time"); a single word must not be a stop word.
  return { stems: (all.length > 1 ? all : content).map(stem), counted: content.map(stem) };
}

/** Document frequency of a form: its rarest content stem's (an upper bound for phrases). */
function formDf(counted: string[], stats: TermStatistics): number {
  return counted.length === 0 ? 0 : Math.min(...counted.map((term) => stats.df.get(term) ?? 0));
}

const numberWeight = 0.3;
/** A handbook synonym of the asker's word counts for a little less than the word. */
const synonymWeight = 0.8;
/** A dictionary synonym (WordNet, any of the word's commonest senses) is a weaker guess still: the sense may be the wrong one. */
const relatedWeight = 0.4;
/** One word of a phrase the lexicon knows ("401k" of "401k match") says part of what the phrase does. */
const partWeight = 0.5;
/** All the content words of such a phrase, wherever the passage writes them, count for nearly as much as a synonym. */
const allPartsWeight = 0.8;
const unknownWeight = 0.6;

/** A typo correction is a guess: it counts for less than a word the asker wrote. */
const correctedWeight = 0.7;

/**
 * A form of a concept. Only the asker's own words are corrected, and only
 * when they are not English words: a handbook synonym the tenant does not
 * use is simply absent, and "dress" or "stake" is a word of its own, not a
 * typo of "press" or "state".
 */
function makeForm(text: string, weight: number, stats: TermStatistics, correct: boolean): Form | undefined {
  let { stems, counted } = stemsOf(text);
  let shown = text;
  if (correct && counted.length === 1 && stems.length === 1 && !stats.df.has(counted[0]!) && !isEnglishWord(text)) {
    const corrected = correctSpelling(counted[0]!, stats);
    if (corrected) {
      stems = counted = [corrected];
      shown = stats.surface.get(corrected) ?? corrected;
      weight *= correctedWeight;
    }
  }
  if (counted.length === 0) return undefined;
  return { stems, text: shown, weight, df: formDf(counted, stats), related: false };
}

const particles = new Set(['back', 'over', 'off', 'in', 'out', 'up', 'down', 'forward', 'away']);
/** How far after its verb a particle may stand ("roll unused holiday days over"). */
const particleReach = 4;

/**
 * Puts the particle of a phrasal verb the lexicon knows back next to its verb
 * ("send the laptop back" → "send back the laptop"), so the phrase is
 * recognised wherever English puts the particle.
 */
export function joinParticles(tokens: string[]): string[] {
  const joined = [...tokens];
  for (let index = 0; index < joined.length; index++) {
    if (particles.has(joined[index + 1] ?? '')) continue;
    for (let at = index + 2; at < Math.min(joined.length, index + 2 + particleReach); at++) {
      const particle = joined[at]!;
      if (!particles.has(particle) || synonymsOf(`${joined[index]} ${particle}`).length === 0) continue;
      // A particle already in a phrase of its own ("sign off") stays there.
      if (synonymsOf(`${joined[at - 1]} ${particle}`).length > 0) break;
      joined.splice(at, 1);
      joined.splice(index + 1, 0, particle);
      break;
    }
  }
  return joined;
}

/**
 * Multi-word connectives whose words carry no topic: "on top of my PTO" is
 * "besides my PTO", not a question about tops.
 */
const connectives = /\b(?:on top of|in addition to|as well as|in terms of|with regard to|with respect to|when it comes to)\b/gi;

/**
 * At most this many concepts are searched: a question is a few of them (the
 * longest chat questions about twenty); a pasted page is not, and every
 * concept costs the ranking a pass over each candidate's sentences.
 */
const maxConcepts = 40;

/** The `limit` rarest concepts (the ones that say most about what is asked), in the order they were asked. */
function rarest(concepts: Concept[], limit: number): Concept[] {
  if (concepts.length <= limit) return concepts;
  const kept = new Set([...concepts].sort((a, b) => b.idf - a.idf).slice(0, limit));
  return concepts.filter((concept) => kept.has(concept));
}

/**
 * Breaks a question into concepts: phrases and words that carry its topic,
 * each with its handbook synonyms and typo corrections, weighted by how rare
 * they are in this tenant's policies.
 */
export function analyzeQuestion(question: string, stats: TermStatistics): Concept[] {
  const tokens = joinParticles(words(question.replace(connectives, ' ')));
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < tokens.length; ) {
    let consumed = 0;
    for (let length = Math.min(longestSynonymPhrase, tokens.length - index); length >= 1 && consumed === 0; length--) {
      const phrase = tokens.slice(index, index + length).join(' ');
      if (length === 1 && isStopword(phrase, hasSynonyms)) break;
      const synonyms = synonymsOf(phrase);
      if (length > 1 && synonyms.length === 0) continue;
      const main = makeForm(phrase, 1, stats, true);
      if (!main) break;
      consumed = length;
      const key = main.stems.join(' ');
      if (seen.has(key)) break;
      seen.add(key);
      const related = length === 1 ? relatedWords(phrase).filter((word) => !synonyms.includes(word)) : [];
      const isForm = (form: Form | undefined): form is Form => form !== undefined;
      const ownForms = [main, ...synonyms.map((synonym) => makeForm(synonym, synonymWeight, stats, false)).filter(isForm)];
      // A phrase the policies do not write as such may still be found by its own words, for part of its weight.
      const parts = length > 1 ? tokens.slice(index, index + length).filter((word) => !isStopword(word, hasSynonyms)) : [];
      const relatedForms = [...related.map((word) => makeForm(word, relatedWeight, stats, false)), ...parts.map((word) => makeForm(word, partWeight, stats, false))]
        .filter(isForm)
        .map((form) => ({ ...form, related: true }));
      // Every word of the phrase, apart ("annual leave" … "allowance"), says nearly what the phrase does.
      const apart = parts.length > 1 ? makeForm(parts.join(' '), allPartsWeight, stats, false) : undefined;
      const forms = [...ownForms, ...(apart ? [{ ...apart, stems: [...new Set(apart.stems)], apart: true }] : []), ...relatedForms];
      // Dictionary synonyms are guesses: they may find the passage, but never make a word the policies lack look known.
      const knownForms = ownForms.filter((form) => form.df > 0);
      const known = knownForms.length > 0;
      // Words no policy uses weigh 0.6 of the rarest words that one does: they may
      // be the topic ("401k", "gym") or the asker's circumstances ("monday",
      // "bakery"), as often one as the other. Numbers in a question are mostly
      // the asker's own circumstances ("16 years of service").
      const weight = main.stems.every((term) => /^\d/.test(term)) ? numberWeight : topicalWeight(phrase);
      const conceptIdf =
        weight *
        (known
          ? Math.max(...knownForms.map((form) => idf(stats, form.df) * form.weight))
          : idf(stats, 1) * unknownWeight);
      concepts.push({ text: phrase, forms, idf: conceptIdf, known });
    }
    index += Math.max(consumed, 1);
  }
  return rarest(concepts, maxConcepts);
}
