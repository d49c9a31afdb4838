import type { Person } from '../directory/find-person.ts';
import { locationMatches } from '../access/can-see-version.ts';
import { words } from '../retrieval/analyze-text.ts';
import type { AnnouncementSettings } from './announcement-settings.ts';
import type { DraftSource } from './draft.ts';

/**
 * The reviewer groups a draft needs, by its content: the groups that review
 * everything (comms), those whose words the text uses (pay and benefits →
 * the People team, legal words and obligations → legal), the owners of the
 * policies it cites, and the local-market group of any audience location
 * that has one. Only groups the directory has count.
 */
export function routeReview(settings: AnnouncementSettings, input: { text: string; sources: DraftSource[]; localMarket: string[]; groups: string[] }): { groups: string[]; reasons: string[] } {
  const known = new Set(input.groups);
  const groups: string[] = [];
  const reasons: string[] = [];
  const add = (group: string, reason: string) => {
    if (!known.has(group) || groups.includes(group)) return;
    groups.push(group);
    reasons.push(`${group}: ${reason}`);
  };
  for (const group of settings.review.always) add(group, 'reviews every announcement');
  const used = new Set(words(input.text));
  for (const rule of settings.review.byContent) {
    const hits = rule.words.filter((word) => used.has(word.toLowerCase()));
    if (hits.length > 0) for (const group of rule.groups) add(group, `${rule.id} (${hits.slice(0, 3).join(', ')})`);
  }
  if (settings.review.sourceOwners) for (const source of input.sources) if (source.kind === 'policy') add(source.owner, `owns the ${source.title}`);
  for (const location of input.localMarket) {
    const entry = settings.localMarket.find((candidate) => candidate.location.toUpperCase() === location.toUpperCase());
    if (entry?.group) add(entry.group, `local-market reviewer for ${location}`);
  }
  return { groups, reasons };
}

/** The locations needing a local-market reviewer that some member of the audience is in. */
export function localMarketLocations(settings: AnnouncementSettings, members: Person[]): string[] {
  return settings.localMarket.map((entry) => entry.location).filter((location) => members.some((member) => locationMatches(member.location, location)));
}
