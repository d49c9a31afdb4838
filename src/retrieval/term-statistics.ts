import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** One tenant's document frequencies, for IDF and spelling correction. */
export type TermStatistics = {
  generation: number;
  /** Distinct section texts: the N of IDF. */
  sections: number;
  df: Map<string, number>;
  /** A word as written for each stem: what the full-text query is given. */
  surface: Map<string, string>;
  /** Stems grouped by length, for spelling correction. */
  byLength: Map<number, string[]>;
};

const caches = new WeakMap<Db, Map<string, TermStatistics>>();

/** Robertson–Spärck Jones IDF, never negative. */
export function idf(stats: TermStatistics, df: number): number {
  return Math.log(1 + (stats.sections - df + 0.5) / (df + 0.5));
}

/** Loads (and caches per catalogue generation) one tenant's term statistics. */
export function loadTermStatistics(db: Db, tenant: string, generation: number): TermStatistics {
  let perTenant = caches.get(db);
  if (!perTenant) caches.set(db, (perTenant = new Map()));
  const cached = perTenant.get(tenant);
  if (cached && cached.generation === generation) return cached;
  const rows = statement<[string], { term: string; df: number; word: string }>(db, 'SELECT term, df, word FROM term_stats WHERE tenant = ?').all(tenant);
  const { sections } = statement<[string], { sections: number }>(db, 'SELECT count(*) AS sections FROM section_texts WHERE tenant = ?').get(tenant)!;
  const df = new Map<string, number>();
  const surface = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const row of rows) {
    df.set(row.term, row.df);
    surface.set(row.term, row.word);
    const list = byLength.get(row.term.length);
    if (list) list.push(row.term);
    else byLength.set(row.term.length, [row.term]);
  }
  const stats = { generation, sections, df, surface, byLength };
  perTenant.set(tenant, stats);
  return stats;
}
