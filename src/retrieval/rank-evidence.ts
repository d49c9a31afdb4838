import type { CatalogVersion } from '../policies/load-catalog.ts';
import type { Concept } from './analyze-question.ts';
import type { AnalyzedSection } from './load-sections.ts';
import type { SectionHit } from './search-sections.ts';
import { allTerms } from './analyze-text.ts';
import { questionBigrams, writesPair, type Bigram } from './phrase-matches.ts';
import { askedAnswerType, statesAnswerType } from './answer-type.ts';

/** The best passage (one to three consecutive sentences) of one candidate section, scored against the question. */
export type Evidence = {
  section: AnalyzedSection;
  version: CatalogVersion;
  /** First and last sentence of the passage (inclusive). */
  start: number;
  end: number;
  score: number;
  /** Share of the question's weight the passage and its headings cover (0–1). */
  coverage: number;
  bm25: number;
  /**
   * Share of the question's weight held by its heaviest concept that the
   * policies use elsewhere but this section never states, in its text or its
   * headings, beyond a weak guess (0 when every such concept is here):
   * "dating" asked, "coworking" found.
   */
  absent: number;
  /** Share of the question's weight stated by the section's headings and policy title, beyond a weak guess (as for `absent`). */
  framed: number;
};


/** How well a set of stems expresses a concept: the weight of its best matching form, or 0. */
export function conceptMatch(concept: Concept, stems: Set<string>): number {
  let best = 0;
  for (const form of concept.forms) {
    if (form.weight > best && form.stems.every((term) => stems.has(term))) best = form.weight;
  }
  return best;
}

/** How well sentences `from`..`to` of a section with its headings state a concept by a phrase's words written apart, or 0. */
function apartMatch(concept: Concept, section: AnalyzedSection, from: number, to: number): number {
  const written = (term: string) => {
    if (section.contextStems.has(term)) return true;
    for (let at = from; at <= to; at++) if (section.sentences[at]!.stems.has(term)) return true;
    return false;
  };
  let best = 0;
  for (const form of concept.forms) {
    if (form.apart && form.weight > best && form.stems.every(written)) best = form.weight;
  }
  return best;
}

const maxPassage = 3;
/**
 * A concept matched no better than this (a dictionary guess, one word of a
 * phrase: "dating" of "dating a coworker") is not stated by the section.
 */
const weakMatch = 0.5;
/**
 * A question asking "how much / how long / how often / when" is answered
 * only by a passage that states a quantity of that kind (see `answer-type`):
 * such passages get this bonus (flat from 0.25 to 0.4 on both question sets).
 */
const quantityBonus = 0.3;
/** Weight of the question's word pairs that a passage or its headings write side by side (flat from 0.8 to 1.0). */
const phraseBonus = 0.9;

/**
 * Cosine similarity turned into a share of the question covered: below
 * `similarityFloor` (unrelated texts) nothing, from `similarityFull` on,
 * everything. Used only when semantic retrieval is configured.
 */
const similarityFloor = 0.3;
const similarityFull = 0.8;
const semanticCredit = 0.9;
const semanticWeight = 0.3;

export function semanticCoverage(similarity: number | undefined): number {
  if (similarity === undefined) return 0;
  return Math.min(1, Math.max(0, (similarity - similarityFloor) / (similarityFull - similarityFloor)));
}
/** Each sentence beyond the first must earn its place. */
const extraSentenceCost = 0.04;
const headingBonus = 0.15;
/** A section usually states its rule first. */
const leadBonus = 0.03;

/**
 * Scores passages of every candidate section by the question's concepts they
 * state (rare words count more), with partial credit for concepts stated by
 * the section's headings or elsewhere in the section, and keeps each
 * section's best passage. Sections come back best first.
 */
export function rankEvidence(
  question: string,
  concepts: Concept[],
  hits: SectionHit[],
  sections: Map<number, AnalyzedSection>,
  versions: Map<number, CatalogVersion>,
  similarity: Map<number, number> = new Map(),
): Evidence[] {
  const total = concepts.reduce((sum, concept) => sum + concept.idf, 0);
  if (total === 0) return [];
  const asked = askedAnswerType(question);
  const maxBm25 = Math.max(...hits.map((hit) => hit.bm25), 1e-9);
  const evidence: Evidence[] = [];
  const bigrams = questionBigrams(question, concepts);
  /** The concepts that are phrases the lexicon knows, which a passage may state with their words apart. */
  const phrases = concepts.flatMap((concept, c) => (concept.forms.some((form) => form.apart) ? [c] : []));

  for (const hit of hits) {
    // A text held by several visible sections is one piece of evidence, cited where it first appears.
    const section = sections.get(hit.sectionId);
    const version = section && versions.get(section.versionId);
    if (!section || !version) continue;
    const semantic = semanticCoverage(similarity.get(section.id));
    const fromContext = concepts.map((concept) => conceptMatch(concept, section.contextStems));
    // A section whose own heading names what the question asks about is about it.
    const headingShare = concepts.reduce((sum, concept) => sum + concept.idf * conceptMatch(concept, section.headingStems), 0) / total;
    const perSentence = section.sentences.map((sentence) => concepts.map((concept) => conceptMatch(concept, sentence.stems)));
    const fromSection = concepts.map((concept, c) => Math.max(0, ...perSentence.map((matches) => matches[c]!)));
    // Only a phrase whose words are all somewhere in the section can be stated apart by one of its passages.
    const apartHere = phrases.filter((c) => {
      const match = apartMatch(concepts[c]!, section, 0, section.sentences.length - 1);
      fromSection[c] = Math.max(fromSection[c]!, match);
      return match > 0;
    });
    const pathTerms = bigrams.length > 0 ? allTerms(section.path.join(' | ')) : [];
    const inHeadings = bigrams.filter((bigram) => writesPair(pathTerms, new Set(pathTerms), bigram));
    const perSentencePairs = section.sentences.map((sentence) => bigrams.filter((bigram) => writesPair(sentence.order, sentence.stems, bigram)));
    const absent = Math.max(0, ...concepts.map((concept, c) => (concept.known && Math.max(fromContext[c]!, fromSection[c]!) <= weakMatch ? concept.idf / total : 0)));
    const framed = concepts.reduce((sum, concept, c) => sum + (fromContext[c]! > weakMatch ? concept.idf : 0), 0) / total;
    let best: Pick<Evidence, 'start' | 'end' | 'score' | 'coverage'> | undefined;
    for (let start = 0; start < section.sentences.length; start++) {
      const stated = concepts.map(() => 0);
      let quantity = false;
      let words = 0;
      const phrased = new Set<Bigram>(inHeadings);
      for (let end = start; end < Math.min(section.sentences.length, start + maxPassage); end++) {
        const sentence = section.sentences[end]!;
        perSentence[end]!.forEach((match, c) => (stated[c] = Math.max(stated[c]!, match)));
        for (const c of apartHere) stated[c] = Math.max(stated[c]!, apartMatch(concepts[c]!, section, start, end));
        for (const bigram of perSentencePairs[end]!) phrased.add(bigram);
        quantity ||= asked !== undefined && statesAnswerType(asked, sentence.text);
        words += sentence.order.length;
        let covered = 0;
        let said = 0;
        concepts.forEach((concept, c) => {
          covered += concept.idf * Math.max(stated[c]!, 0.8 * fromContext[c]!, 0.35 * fromSection[c]!);
          said += concept.idf * stated[c]!;
        });
        let phraseWeight = 0;
        for (const bigram of phrased) phraseWeight += bigram.weight;
        // A section the embeddings find close in meaning covers the question
        // even where it uses other words.
        const coverage = Math.max(covered / total, semanticCredit * semantic);
        const length = end - start;
        const longPenalty = words > 80 ? 0.1 * Math.log(words / 80) : 0;
        const score =
          coverage +
          0.35 * (said / total) +
          phraseBonus * (phraseWeight / total) +
          0.1 * (hit.bm25 / maxBm25) +
          headingBonus * headingShare +
          (start === 0 ? leadBonus : 0) +
          (quantity ? quantityBonus : 0) -
          longPenalty -
          extraSentenceCost * length +
          semanticWeight * semantic;
        if (!best || score > best.score) best = { start, end, score, coverage };
      }
    }
    if (best) evidence.push({ section, version, ...best, bm25: hit.bm25, absent, framed });
  }
  return evidence.sort((a, b) => b.score - a.score);
}
