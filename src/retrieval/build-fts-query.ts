import type { Concept, Form } from './analyze-question.ts';
import type { TermStatistics } from './term-statistics.ts';

/** Above this share of sections a term is too common to pick candidates with. */
const commonShare = 0.08;
/**
 * How many postings (sections holding a chosen form, summed) a search may
 * touch. BM25 is computed for every match, so this bounds the work per
 * question whatever the size of the tenant's policies: in a large tenant the
 * rarest forms alone already find the candidates. (6,000 let a search of a
 * 100k-section tenant whose texts are all distinct take 15 ms; no tenant of
 * the evaluation sets comes near either bound.)
 */
const postingBudget = 3000;
/** The rarest form is always searched, however common: a question of common words still finds candidates. */
const alwaysForms = 1;

/**
 * An FTS5 MATCH expression that finds candidate sections: the question's
 * selective forms ORed together, within a budget of postings: the asker's
 * own words first, then their handbook synonyms, then dictionary synonyms,
 * each kind rarest (for its weight) first. Ranked by rarity alone, a
 * rare but wrong dictionary sense ("piece of work" for "work") took the
 * place of the asker's "hotel", and in a small handbook the synonyms of one
 * word ("leave without pay", "business travel") took the places of another
 * word the asker wrote ("unpaid"). Common words still count in re-ranking; they are left
 * out here because they would make the search touch most of the index
 * without changing which sections can win. Returns undefined when the
 * question has nothing the tenant's policies contain.
 */
export function buildFtsQuery(concepts: Concept[], stats: TermStatistics, maxForms = 14, minForms = 6): string | undefined {
  const forms: Form[] = concepts.flatMap((concept) => concept.forms.filter((form) => form.df > 0));
  if (forms.length === 0) return undefined;
  // The asker's own words first (each concept's first form), then their handbook synonyms; dictionary guesses only with what budget is left.
  const asked = new Set(concepts.map((concept) => concept.forms[0]).filter((form) => form && !form.related));
  const order = (form: Form) => (asked.has(form) ? 0 : form.related ? 2 : 1);
  forms.sort((a, b) => order(a) - order(b) || a.df / a.weight - b.df / b.weight);
  const chosen: Form[] = [];
  let postings = 0;
  for (const [index, form] of forms.entries()) {
    if (chosen.length >= maxForms) break;
    const selective = index < minForms || form.df <= stats.sections * commonShare;
    if (index >= alwaysForms && (!selective || postings + form.df > postingBudget)) continue;
    chosen.push(form);
    postings += form.df;
  }
  const quoted = [...new Set(chosen.map((form) => `"${form.text.replace(/"/g, '""')}"`))];
  return quoted.join(' OR ');
}
