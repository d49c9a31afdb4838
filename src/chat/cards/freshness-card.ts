import type { FreshnessGroup, FreshnessItem } from '../../lifecycle/freshness-report.ts';
import type { Card } from '../card.ts';

const name = (item: FreshnessItem) => `${item.title}${item.jurisdiction ? ` (${item.jurisdiction})` : ''}, version ${item.version}`;
/** What one notice lists; the command line lists everything. */
const maxListed = 30;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** When a review is or was due, in words: "was due 2025-06-01 (120 days ago)", "due 2026-03-20 (in 18 days)", "due today". */
export function reviewDue(item: FreshnessItem): string {
  if (item.daysLeft < 0) return `review was due ${item.reviewBy} (${plural(-item.daysLeft, 'day')} ago)`;
  if (item.daysLeft === 0) return `review is due today (${item.reviewBy})`;
  return `review due ${item.reviewBy} (in ${plural(item.daysLeft, 'day')})`;
}

/** The notice an owner group gets about its policies past, or close to, their review date. */
export function freshnessCard(tenant: string, group: FreshnessGroup, today: string, withinDays: number): Card {
  const items = [...group.overdue, ...group.dueSoon];
  const facts = items.slice(0, maxListed).map((item) => ({ label: name(item), value: reviewDue(item) }));
  // Chat platforms show at most ten facts together (Block Kit fields): one group of facts per ten.
  const factGroups: Card['body'] = [];
  for (let i = 0; i < facts.length; i += 10) factGroups.push({ type: 'facts', facts: facts.slice(i, i + 10) });
  const parts = [
    group.overdue.length > 0 ? `${plural(group.overdue.length, 'policy', 'policies')} past the review date` : '',
    group.dueSoon.length > 0 ? `${group.dueSoon.length} due for review within ${withinDays} days` : '',
  ].filter(Boolean);
  const summary = `${group.name}: ${parts.join(' and ')}`;
  return {
    key: `freshness:${tenant}:${group.group}:${today}`,
    title: `Policies to review: ${group.name}`,
    body: [
      { type: 'text', text: `${summary}. Answers that cite a policy past its review date tell employees it may be out of date.` },
      ...factGroups,
      {
        type: 'note',
        text: `${items.length > maxListed ? `${items.length - maxListed} more not shown: \`policy-desk freshness --tenant ${tenant}\`. ` : ''}After reviewing, publish a new version or set a new review_by date in the policy file, then ingest it.`,
      },
    ],
    actions: [],
    summary,
  };
}
