import type { CatalogVersion } from '../policies/load-catalog.ts';
import { stem, words } from '../retrieval/analyze-text.ts';
import { stopwords } from '../retrieval/stopwords.ts';

export type PolicyMatch = { policyId: string; title: string; score: number };

/** Words that name no policy in a request about policies ("what changed in the travel policy versions?"). */
const generic = new Set(
  ['policy', 'policies', 'handbook', 'version', 'versions', 'change', 'changed', 'changes', 'new', 'compare', 'comparison', 'diff', 'differ', 'different',
    'difference', 'differences', 'show', 'tell', 'between', 'latest', 'last', 'previous', 'old', 'older', 'current', 'document', 'update', 'updated', 'updates',
    'revision', 'revised', 'rules', 'please', 'since', 'recently', 'acknowledge'].map(stem),
);

const stems = (text: string) => words(text).filter((word) => !stopwords.has(word)).map(stem).filter((term) => !generic.has(term));

/**
 * The policies a person's words name, best first: each policy scored by the
 * words of its titles and id found in the text, an exact id counting most
 * ("diff pto", "what changed in code-of-conduct"). Only policies among
 * `versions` (what the person may see) are candidates.
 */
export function findPolicies(versions: CatalogVersion[], text: string): PolicyMatch[] {
  const query = new Set(stems(text));
  const lower = ` ${text.toLowerCase().replace(/[^\p{Letter}\p{Number}-]+/gu, ' ')} `;
  const byPolicy = new Map<string, CatalogVersion[]>();
  for (const version of versions) byPolicy.set(version.policyId, [...(byPolicy.get(version.policyId) ?? []), version]);
  const matches: PolicyMatch[] = [];
  for (const [policyId, policyVersions] of byPolicy) {
    const latest = policyVersions.reduce((a, b) => (b.effective >= a.effective ? b : a));
    const terms = new Set(policyVersions.flatMap((version) => stems(`${version.title} ${policyId.replace(/[-_.]/g, ' ')}`)));
    let matched = 0;
    for (const term of terms) if (query.has(term)) matched++;
    const exactId = lower.includes(` ${policyId.toLowerCase()} `);
    if (matched === 0 && !exactId) continue;
    matches.push({ policyId, title: latest.title, score: matched + (exactId ? 2 : 0) + matched / Math.max(terms.size, 1) / 2 });
  }
  return matches.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}

/**
 * The policies whose text holds most of the words of a request that names
 * no policy ("what changed in the hotel limit?"), best first; only those
 * holding every content word, so a stray word picks nothing.
 */
export function findPoliciesByText(candidates: { policyId: string; title: string; text: string }[], request: string): PolicyMatch[] {
  const query = [...new Set(stems(request))];
  if (query.length === 0) return [];
  return candidates
    .map((candidate) => {
      const terms = new Set(stems(candidate.text));
      return { policyId: candidate.policyId, title: candidate.title, score: query.filter((term) => terms.has(term)).length };
    })
    .filter((match) => match.score === query.length)
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}

/** Two versions named in a message: "between 3.0 and 4.2", "from v3 to v4", "versions 1 and 2". */
export function versionsNamed(text: string): { from: string; to: string } | undefined {
  const version = String.raw`(?:version\s+|v\.?\s?)?(\d[\w.-]*)`;
  const match =
    new RegExp(String.raw`\bfrom\s+${version}\s+to\s+${version}`, 'i').exec(text) ??
    new RegExp(String.raw`\b(?:versions?|v)\s*(\d[\w.-]*)\s*(?:and|to|vs\.?|versus|with|→|->)\s*${version}`, 'i').exec(text) ??
    new RegExp(String.raw`\bbetween\s+${version}\s+and\s+${version}`, 'i').exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { from: match[1].replace(/[.,]$/, ''), to: match[2].replace(/[.,]$/, '') };
}
