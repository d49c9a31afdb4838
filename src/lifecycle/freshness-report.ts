import { canSeeVersion } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

/** A policy version in force whose review date has passed or is near. `daysLeft` is negative once overdue. */
export type FreshnessItem = {
  policyId: string;
  version: string;
  title: string;
  jurisdiction?: string;
  owner: string;
  reviewBy: string;
  daysLeft: number;
};

/** What one owner group has to review. */
export type FreshnessGroup = { group: string; name: string; overdue: FreshnessItem[]; dueSoon: FreshnessItem[] };

export type FreshnessReport = {
  tenant: string;
  today: string;
  withinDays: number;
  /** Owner groups with something overdue or due soon, by group id. */
  groups: FreshnessGroup[];
  /** Versions in force with no review date at all: nobody will ever be reminded of them. */
  undated: { policyId: string; version: string; title: string; jurisdiction?: string; owner: string }[];
};

const dayMs = 86_400_000;
/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** Per policy and variant, the current version in effect today: the one employees are answered from. */
export function versionsInForce(versions: CatalogVersion[], today: string): CatalogVersion[] {
  const best = new Map<string, CatalogVersion>();
  for (const version of versions) {
    if (version.status !== 'current' || version.effective > today) continue;
    const key = `${version.policyId}\u0000${version.jurisdiction ?? ''}`;
    const chosen = best.get(key);
    if (!chosen || version.effective > chosen.effective || (version.effective === chosen.effective && version.versionId > chosen.versionId)) best.set(key, version);
  }
  return [...best.values()];
}

/**
 * Which policies in force are past their `review_by` date, or reach it within
 * `withinDays`, grouped by owner group (most overdue first), and which have
 * no review date. With a `viewer`, only versions that person may see are
 * listed (for the console); without, everything (for the owner-group notices
 * and the command line).
 */
export function freshnessReport(db: Db, tenant: string, options: { today: string; withinDays?: number; viewer?: Person }): FreshnessReport {
  const withinDays = options.withinDays ?? 30;
  const groupNames = new Map(
    statement<[string], { group_id: string; name: string }>(db, 'SELECT group_id, name FROM directory_groups WHERE tenant = ?')
      .all(tenant)
      .map((row) => [row.group_id, row.name]),
  );
  const inForce = versionsInForce(loadCatalog(db, tenant).versions, options.today).filter((version) => !options.viewer || canSeeVersion(options.viewer, version));
  const groups = new Map<string, FreshnessGroup>();
  const undated: FreshnessReport['undated'] = [];
  for (const version of inForce) {
    const base = { policyId: version.policyId, version: version.version, title: version.title, ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}), owner: version.owner };
    if (!version.reviewBy) {
      undated.push(base);
      continue;
    }
    const daysLeft = daysBetween(options.today, version.reviewBy);
    if (daysLeft > withinDays) continue;
    let group = groups.get(version.owner);
    if (!group) groups.set(version.owner, (group = { group: version.owner, name: groupNames.get(version.owner) ?? version.owner, overdue: [], dueSoon: [] }));
    (daysLeft < 0 ? group.overdue : group.dueSoon).push({ ...base, reviewBy: version.reviewBy, daysLeft });
  }
  const byDays = (a: FreshnessItem, b: FreshnessItem) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title);
  for (const group of groups.values()) {
    group.overdue.sort(byDays);
    group.dueSoon.sort(byDays);
  }
  return {
    tenant,
    today: options.today,
    withinDays,
    groups: [...groups.values()].sort((a, b) => a.group.localeCompare(b.group)),
    undated: undated.sort((a, b) => a.title.localeCompare(b.title)),
  };
}
