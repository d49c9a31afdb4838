import { containment, fingerprint, headingSimilarity, normalizeHeading, similarity, type SectionFingerprint } from './section-similarity.ts';

/** A section as the comparison sees it: its heading, the headings above it, and its text (one block a line). */
export type ComparableSection = { heading: string; path: string[]; body: string };

export type AlignedPair = { before: number; after: number; similarity: number; moved: boolean };

/**
 * Which section of the earlier version became which of the later one
 * (indexes into each list). Sections left over were removed or added;
 * `into` / `from` name the section most of their text went to or came from
 * (a section merged into another, or split out of one).
 */
export type Alignment = {
  pairs: AlignedPair[];
  removed: { before: number; into?: number }[];
  added: { after: number; from?: number }[];
};

/** Below this many content words a text says too little to be matched on its words alone. */
const shortText = 4;

type Prepared = ComparableSection & { fingerprint: SectionFingerprint; parent: number | undefined; position: number };

function prepare(sections: ComparableSection[]): Prepared[] {
  return sections.map((section, index) => {
    // The parent is the closest earlier section whose heading path this one continues.
    let parent: number | undefined;
    for (let i = index - 1; i >= 0 && section.path.length > 0; i--) {
      const candidate = sections[i]!;
      if (candidate.path.length === section.path.length - 1 && candidate.heading === section.path[section.path.length - 1]) {
        parent = i;
        break;
      }
    }
    return { ...section, fingerprint: fingerprint(section.body), parent, position: sections.length > 1 ? index / (sections.length - 1) : 0 };
  });
}

/**
 * Whether two sections may be the same one, and how strongly: the words
 * decide; a matching heading lets a rewritten section still match, and
 * breaks ties between look-alike sections, as does the position.
 */
function score(a: Prepared, b: Prepared): number | undefined {
  const text = similarity(a.fingerprint, b.fingerprint);
  const heading = headingSimilarity(a.heading, b.heading);
  const bothShort = a.fingerprint.size < shortText && b.fingerprint.size < shortText;
  const eligible = bothShort ? heading >= 0.8 : text >= 0.45 || (heading >= 0.6 && text >= 0.12) || (heading === 1 && text >= 0.08);
  if (!eligible) return undefined;
  return (bothShort ? heading : text) + 0.15 * heading + 0.05 * (1 - Math.abs(a.position - b.position));
}

/** Enough words that containment means something: a sentence or two is contained in many sections. */
const containedText = 8;

/**
 * For two sections the first pass left unmatched: whether the smaller is
 * mostly contained in the larger (a section that grew or shrank a lot), and
 * how strongly, the heading and word similarity breaking ties.
 */
function grownOrShrunk(a: Prepared, b: Prepared): number | undefined {
  const [small, large] = a.fingerprint.size <= b.fingerprint.size ? [a, b] : [b, a];
  const heading = headingSimilarity(a.heading, b.heading);
  if (small.fingerprint.size < (heading >= 0.5 ? shortText : containedText)) return undefined;
  const contained = containment(small.fingerprint, large.fingerprint);
  if (contained < 0.6) return undefined;
  return contained + 0.3 * heading + similarity(a.fingerprint, b.fingerprint);
}

/** The indexes (into `values`) of one longest increasing subsequence. */
function longestIncreasing(values: number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j]! < values[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < values.length; i++) if (end < 0 || length[i]! > length[end]!) end = i;
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

/**
 * Aligns the sections of two versions of a policy by content, not by
 * heading alone, because real revisions rename, renumber, move, split and
 * rewrite sections:
 *
 * 1. every pair is scored by word and word-pair similarity, with the heading
 *    and the position as tie-breaks; the best pairs above a threshold are
 *    taken greedily, one partner each;
 * 2. a leftover section mostly contained in a leftover of the other version
 *    (a section that grew or shrank a lot) is paired with it;
 * 3. a heading left over exactly once on each side pairs its two sections;
 * 4. pairs out of order (outside the longest run in order) or under another
 *    parent section are marked moved;
 * 5. what is left was added or removed, noting the section its text was
 *    split from or merged into.
 */
export function alignSections(before: ComparableSection[], after: ComparableSection[]): Alignment {
  const a = prepare(before);
  const b = prepare(after);
  const candidates: { i: number; j: number; rank: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const rank = score(a[i]!, b[j]!);
      if (rank !== undefined) candidates.push({ i, j, rank });
    }
  }
  candidates.sort((x, y) => y.rank - x.rank || x.i - y.i || x.j - y.j);
  const afterOf = new Map<number, number>();
  const beforeOf = new Map<number, number>();
  const pair = (i: number, j: number) => {
    afterOf.set(i, j);
    beforeOf.set(j, i);
  };
  for (const { i, j } of candidates) if (!afterOf.has(i) && !beforeOf.has(j)) pair(i, j);

  for (let i = 0; i < a.length; i++) {
    if (afterOf.has(i)) continue;
    let best: { j: number; value: number } | undefined;
    for (let j = 0; j < b.length; j++) {
      if (beforeOf.has(j)) continue;
      const value = grownOrShrunk(a[i]!, b[j]!);
      if (value !== undefined && (!best || value > best.value)) best = { j, value };
    }
    if (best) pair(i, best.j);
  }

  // Last, a heading found exactly once among the leftovers of each side is the same section, rewritten.
  const leftoverHeadings = (sections: Prepared[], taken: Map<number, number>) => {
    const byHeading = new Map<string, number[]>();
    sections.forEach((section, index) => {
      if (taken.has(index)) return;
      const key = normalizeHeading(section.heading);
      byHeading.set(key, [...(byHeading.get(key) ?? []), index]);
    });
    return byHeading;
  };
  const oldLeft = leftoverHeadings(a, afterOf);
  for (const [heading, js] of leftoverHeadings(b, beforeOf)) {
    const is = oldLeft.get(heading);
    if (heading && is?.length === 1 && js.length === 1) pair(is[0]!, js[0]!);
  }

  const ordered = [...afterOf.entries()].sort(([x], [y]) => x - y);
  const inOrder = longestIncreasing(ordered.map(([, j]) => j));
  const pairs: AlignedPair[] = ordered.map(([i, j], index) => {
    const oldParent = a[i]!.parent;
    const newParent = b[j]!.parent;
    // Under another parent only when both parents survived and are not each other: a parent removed or added is a restructure, not a move.
    const reparented = oldParent !== undefined && newParent !== undefined && afterOf.has(oldParent) && beforeOf.has(newParent) && afterOf.get(oldParent) !== newParent;
    return { before: i, after: j, similarity: similarity(a[i]!.fingerprint, b[j]!.fingerprint), moved: !inOrder.has(index) || reparented };
  });

  const closest = (part: SectionFingerprint, others: Prepared[], taken: Map<number, number>): number | undefined => {
    if (part.size < shortText) return undefined;
    let best: { index: number; value: number } | undefined;
    others.forEach((other, index) => {
      if (!taken.has(index)) return;
      const contained = containment(part, other.fingerprint);
      const value = contained + similarity(part, other.fingerprint);
      if (contained >= 0.6 && (!best || value > best.value)) best = { index, value };
    });
    return best?.index;
  };
  const removed = a.flatMap((section, i) => {
    if (afterOf.has(i)) return [];
    const into = closest(section.fingerprint, b, beforeOf);
    return [into === undefined ? { before: i } : { before: i, into }];
  });
  const added = b.flatMap((section, j) => {
    if (beforeOf.has(j)) return [];
    const from = closest(section.fingerprint, a, afterOf);
    return [from === undefined ? { after: j } : { after: j, from }];
  });
  return { pairs, removed, added };
}
