import type { CatalogVersion } from '../policies/load-catalog.ts';

export type Freshness = 'past' | 'near' | 'ok' | 'unset';
export type FreshnessRow = { version: CatalogVersion; freshness: Freshness; daysLeft: number | undefined };

/** How close to `review_by` counts as "near". */
export const nearReviewDays = 30;

/**
 * Whether the policy versions in force are past or near their `review_by`
 * date: the most urgent first. Drafts and retired versions are left out, as
 * are versions not yet in effect.
 */
export function policyFreshness(versions: CatalogVersion[], today: string): FreshnessRow[] {
  const dayMs = 86_400_000;
  const rows = versions
    .filter((version) => version.status === 'current' && version.effective <= today)
    .map((version): FreshnessRow => {
      if (!version.reviewBy) return { version, freshness: 'unset', daysLeft: undefined };
      const daysLeft = Math.round((Date.parse(`${version.reviewBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs);
      return { version, freshness: daysLeft < 0 ? 'past' : daysLeft <= nearReviewDays ? 'near' : 'ok', daysLeft };
    });
  const order: Record<Freshness, number> = { past: 0, near: 1, unset: 2, ok: 3 };
  return rows.sort((a, b) => order[a.freshness] - order[b.freshness] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.version.title.localeCompare(b.version.title));
}
