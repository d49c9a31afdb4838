import type { Concept, Form } from './analyze-question.ts';
import type { TermStatistics } from './term-statistics.ts';

/** Above this share of sections a term is too common to pick candidates with. */
const commonShare = 0.08;

/**
 * An FTS5 MATCH expression that finds candidate sections: the question's
 * selective forms ORed together. Common words still count in re-ranking; they
 * are left out here because they would make the search touch most of the
 * index without changing which sections can win. Returns undefined when the
 * question has nothing the tenant's policies contain.
 */
export function buildFtsQuery(concepts: Concept[], stats: TermStatistics, maxForms = 14, minForms = 6): string | undefined {
  const forms: Form[] = concepts.flatMap((concept) => concept.forms.filter((form) => form.df > 0));
  if (forms.length === 0) return undefined;
  forms.sort((a, b) => a.df / a.weight - b.df / b.weight);
  // The rarest forms always; common ones only while fewer than minForms were chosen.
  const chosen = forms.filter((form, index) => index < minForms || form.df <= stats.sections * commonShare).slice(0, maxForms);
  const quoted = [...new Set(chosen.map((form) => `"${form.text.replace(/"/g, '""')}"`))];
  return quoted.join(' OR ');
}
