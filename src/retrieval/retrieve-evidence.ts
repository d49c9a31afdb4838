import { visibleVersions, type VisibleSet } from '../access/visible-versions.ts';
import type { Person } from '../directory/find-person.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { analyzeQuestion } from './analyze-question.ts';
import { buildFtsQuery } from './build-fts-query.ts';
import { loadSections } from './load-sections.ts';
import { rankEvidence, type Evidence } from './rank-evidence.ts';
import { searchSections } from './search-sections.ts';
import type { SemanticRetriever } from './semantic/create-semantic-retriever.ts';
import { loadTermStatistics } from './term-statistics.ts';

export type RetrievalDeps = {
  db: Db;
  /** Semantic retrieval, when an embeddings model is configured: fused with the lexical ranking. */
  semantic?: SemanticRetriever;
  /** Told when an optional part (semantic retrieval) fails and retrieval goes on without it. */
  onWarning?: (message: string, error: unknown) => void;
};

/** The passages that best match a text, best first, and how many concepts the text was read as (see `analyzeQuestion`). */
export type Retrieval = { evidence: Evidence[]; concepts: number };

const candidateLimit = 40;
const semanticLimit = 20;

/** Similarity of the closest sections, by section id; empty without semantic retrieval or when it fails. */
async function semanticSimilarity(deps: RetrievalDeps, tenant: string, versionIdsJson: string, text: string): Promise<Map<number, number>> {
  if (!deps.semantic) return new Map();
  try {
    const hits = await deps.semantic.search(tenant, versionIdsJson, text, semanticLimit);
    return new Map(hits.map((hit) => [hit.sectionId, hit.similarity]));
  } catch (error) {
    deps.onWarning?.('semantic retrieval failed; answering from the lexical ranking alone', error);
    return new Map();
  }
}

/**
 * The passages of the policies that are guidance for this person today that
 * best match a text (a question, or an exception request), best first.
 * Everything outside the person's visible set is excluded inside the queries.
 */
export async function retrieveEvidence(
  deps: RetrievalDeps,
  input: { tenant: string; person: Person; text: string; today: string },
): Promise<Retrieval & { visible: VisibleSet }> {
  const catalog = loadCatalog(deps.db, input.tenant);
  const visible = visibleVersions(deps.db, catalog, input.person, input.today);
  return { ...(await retrieveFromSet(deps, { tenant: input.tenant, visible, text: input.text })), visible };
}

/** The best passages for a text among the versions of one set (see `versionSet`), best first; nothing outside it is read. */
export async function retrieveFromSet(deps: RetrievalDeps, input: { tenant: string; visible: VisibleSet; text: string }): Promise<Retrieval> {
  const { db } = deps;
  const { visible } = input;
  const catalog = loadCatalog(db, input.tenant);
  const stats = loadTermStatistics(db, input.tenant, catalog.generation);
  const concepts = analyzeQuestion(input.text, stats);
  const match = buildFtsQuery(concepts, stats);
  const hits = match && visible.versions.length > 0 ? searchSections(db, input.tenant, visible.setId, match, candidateLimit) : [];
  const similarity = await semanticSimilarity(deps, input.tenant, visible.idsJson, input.text);
  const lexical = new Set(hits.map((hit) => hit.sectionId));
  for (const sectionId of similarity.keys()) if (!lexical.has(sectionId)) hits.push({ textId: -1, bm25: 0, sectionId });
  const sections = loadSections(db, input.tenant, hits.map((hit) => hit.sectionId));
  return { evidence: rankEvidence(input.text, concepts, hits, sections, visible.byId, similarity), concepts: concepts.length };
}
