import { versionSet } from '../access/visible-versions.ts';
import { quoteContinuation, quoteEvidence } from '../answers/quote-evidence.ts';
import type { CatalogVersion } from '../policies/load-catalog.ts';
import { retrieveFromSet, type RetrievalDeps } from '../retrieval/retrieve-evidence.ts';
import type { DraftSource } from './draft.ts';

/** At most this many policy excerpts per draft, each covering at least this share of what the best one covers. */
const maxSources = 4;
const relativeCoverage = 0.5;
const minimumCoverage = 0.25;
/** A source leaving out a part of the topic weighing this share or more (see `Evidence.absent`) is off it. */
const offTopic = 0.5;

/**
 * The excerpts a draft is written from: retrieval for the topic restricted,
 * inside the search, to the versions the audience may all see (nothing else
 * is read), the best passage of each of the best few sections, plus the
 * notes the requester attached (N1, N2...).
 */
export async function pickSources(deps: RetrievalDeps, input: { tenant: string; versions: CatalogVersion[]; topic: string; notes: string[] }): Promise<DraftSource[]> {
  const ids = input.versions.map((version) => version.versionId).sort((a, b) => a - b);
  const set = versionSet(deps.db, JSON.stringify(['audience', input.tenant, ids]), () => input.versions);
  const { evidence } = input.versions.length > 0 && input.topic.trim() ? await retrieveFromSet(deps, { tenant: input.tenant, visible: set, text: input.topic }) : { evidence: [] };
  const best = evidence[0]?.coverage ?? 0;
  // A section that states the topic's weightiest part only by a weak guess ("meal allowance" for "annual leave allowance") is not about it.
  const chosen = evidence.filter((item, rank) => item.coverage >= Math.max(minimumCoverage, best * relativeCoverage) && (rank === 0 || item.absent < offTopic)).slice(0, maxSources);
  const sources: DraftSource[] = chosen.map((item, index) => {
    const next = quoteContinuation(item);
    return {
      id: `S${index + 1}`,
      kind: 'policy',
      policyId: item.version.policyId,
      version: item.version.version,
      versionId: item.version.versionId,
      title: item.version.title,
      section: item.section.heading,
      effective: item.version.effective,
      owner: item.version.owner,
      ...(item.version.jurisdiction ? { jurisdiction: item.version.jurisdiction } : {}),
      text: [quoteEvidence(item), next].filter(Boolean).join(' '),
    };
  });
  input.notes.forEach((note, index) => sources.push({ id: `N${index + 1}`, kind: 'note', text: note }));
  return sources;
}
