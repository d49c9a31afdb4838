import type { CatalogVersion } from '../policies/load-catalog.ts';
import type { Concept } from './analyze-question.ts';
import type { AnalyzedSection } from './load-sections.ts';
import type { SectionHit } from './search-sections.ts';

/** The best sentence of one candidate section, scored against the question. */
export type Evidence = {
  section: AnalyzedSection;
  version: CatalogVersion;
  sentence: number;
  score: number;
  /** Share of the question's weight the sentence and its headings cover (0–1). */
  coverage: number;
  bm25: number;
};

/** How well a set of stems expresses a concept: the weight of its best matching form, or 0. */
export function conceptMatch(concept: Concept, stems: Set<string>): number {
  let best = 0;
  for (const form of concept.forms) {
    if (form.weight > best && form.stems.every((term) => stems.has(term))) best = form.weight;
  }
  return best;
}

const asksForQuantity =
  /\b(how (much|many|long|far|soon|often|quickly|fast|early|late)|max(imum)?|min(imum)?|limit|cap|deadline|by when|when|what age|percent(age)?|amount|number of|threshold|budget|rate|allowance|per (night|day|month|year|week))\b/i;
const statesQuantity =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|half|twice|double|annual(ly)?|monthly|weekly|daily|immediately|within)\b/i;

/**
 * Scores every sentence of every candidate section by the question's
 * concepts it states (rare ones count more), with partial credit for
 * concepts its headings or the sentence before it state, and picks each
 * section's best sentence. Sections come back best first.
 */
export function rankEvidence(
  question: string,
  concepts: Concept[],
  hits: SectionHit[],
  sections: Map<number, AnalyzedSection>,
  versions: Map<number, CatalogVersion>,
): Evidence[] {
  const total = concepts.reduce((sum, concept) => sum + concept.idf, 0);
  if (total === 0) return [];
  const wantsQuantity = asksForQuantity.test(question);
  const maxBm25 = Math.max(...hits.map((hit) => hit.bm25), 1e-9);
  const evidence: Evidence[] = [];

  for (const hit of hits) {
    const section = sections.get(hit.sectionId);
    const version = section && versions.get(section.versionId);
    if (!section || !version) continue;
    const fromContext = concepts.map((concept) => conceptMatch(concept, section.contextStems));
    const allStems = new Set(section.sentences.flatMap((sentence) => [...sentence.stems]));
    const fromSection = concepts.map((concept) => conceptMatch(concept, allStems));
    let best: { sentence: number; score: number; coverage: number } | undefined;
    let previous: number[] = concepts.map(() => 0);
    section.sentences.forEach((sentence, index) => {
      const here = concepts.map((concept) => conceptMatch(concept, sentence.stems));
      let covered = 0;
      let stated = 0;
      concepts.forEach((concept, c) => {
        const credit = Math.max(here[c]!, 0.8 * fromContext[c]!, 0.5 * previous[c]!, 0.35 * fromSection[c]!);
        covered += concept.idf * credit;
        stated += concept.idf * here[c]!;
      });
      const coverage = covered / total;
      const longPenalty = sentence.order.length > 60 ? 0.1 * Math.log(sentence.order.length / 60) : 0;
      const quantity = wantsQuantity && statesQuantity.test(sentence.text) ? 0.08 : 0;
      const score = coverage + 0.35 * (stated / total) + 0.1 * (hit.bm25 / maxBm25) + quantity - longPenalty;
      if (!best || score > best.score) best = { sentence: index, score, coverage };
      previous = sentence.block === section.sentences[index + 1]?.block ? here : concepts.map(() => 0);
    });
    if (best) evidence.push({ section, version, sentence: best.sentence, score: best.score, coverage: best.coverage, bm25: hit.bm25 });
  }
  return evidence.sort((a, b) => b.score - a.score);
}
