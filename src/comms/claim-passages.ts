import { canSeeVersion } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import { allTerms } from '../retrieval/analyze-text.ts';
import { loadSections } from '../retrieval/load-sections.ts';
import { splitSentences } from '../retrieval/split-sentences.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import type { Passage } from './check-claims.ts';
import { extractQuantities } from './extract-quantities.ts';

function versionPassages(db: Db, tenant: string, versions: CatalogVersion[], status: 'current' | 'superseded'): Passage[] {
  if (versions.length === 0) return [];
  const byId = new Map(versions.map((version) => [version.versionId, version]));
  const ids = statement<[string, string], { id: number }>(db, 'SELECT id FROM sections WHERE tenant = ? AND version_id IN (SELECT value FROM json_each(?)) ORDER BY version_id, ordinal')
    .all(tenant, JSON.stringify([...byId.keys()]))
    .map((row) => row.id);
  const sections = loadSections(db, tenant, ids);
  const passages: Passage[] = [];
  for (const id of ids) {
    const section = sections.get(id);
    const version = section && byId.get(section.versionId);
    if (!section || !version) continue;
    const source = {
      kind: 'policy' as const, policyId: version.policyId, version: version.version, title: version.title, section: section.heading, status, effective: version.effective,
      ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}),
    };
    for (const sentence of section.sentences) {
      passages.push({ source, text: sentence.text, stems: new Set([...sentence.stems, ...section.contextStems]), quantities: extractQuantities(sentence.text) });
    }
  }
  return passages;
}

/**
 * What a draft's claims are checked against: every sentence of the policy
 * versions its audience may all see (`sources`), the notes the requester
 * attached, and, as history, the retired and superseded versions of the
 * same policies that the drafter may see (a value from one of those is a
 * contradiction, not support).
 */
export function claimPassages(db: Db, input: { tenant: string; sources: CatalogVersion[]; notes: string[]; drafter: Person; today: string }) {
  const catalog = loadCatalog(db, input.tenant);
  const inSet = new Set(input.sources.map((version) => version.versionId));
  const variants = new Set(input.sources.map((version) => `${version.policyId}\u0000${version.jurisdiction ?? ''}`));
  const history = catalog.versions.filter(
    (version) =>
      !inSet.has(version.versionId) &&
      version.status !== 'draft' &&
      version.effective <= input.today &&
      variants.has(`${version.policyId}\u0000${version.jurisdiction ?? ''}`) &&
      canSeeVersion(input.drafter, version),
  );
  const notes: Passage[] = input.notes.flatMap((note, index) =>
    splitSentences(note.replace(/\s+/g, ' ')).map((text) => ({ source: { kind: 'note' as const, note: index + 1 }, text, stems: new Set(allTerms(note)), quantities: extractQuantities(text) })),
  );
  return {
    current: [...versionPassages(db, input.tenant, input.sources, 'current'), ...notes],
    superseded: versionPassages(db, input.tenant, history, 'superseded'),
    policyTitles: [...new Set(catalog.versions.map((version) => version.title))],
  };
}
