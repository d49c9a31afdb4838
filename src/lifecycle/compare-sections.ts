import { alignSections, type ComparableSection } from './align-sections.ts';
import { diffSectionText, pairLooseFigures, textUnits, type TextChange } from './diff-section-text.ts';
import type { FigureChange } from './figure-change.ts';
import { findFigures } from './find-figures.ts';
import { normalizeHeading } from './section-similarity.ts';

export type SectionKind = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

/** Where a section is in one version: its heading, the headings above it, and its position (0-based). */
export type SectionPlace = { heading: string; path: string[]; position: number };

/**
 * One section of the comparison. `moved`: its position or parent section
 * changed (it may also have changed text). `renamed`: its heading changed
 * beyond numbering and punctuation. `splitFrom` / `mergedInto`: for an added
 * or removed section, the section its text came from or went to (the text
 * is then compared with that section's, so a sentence carried over with a
 * new figure shows as changed, not as removed here and added there);
 * `splitInto` / `mergedFrom` name them on the other side.
 */
export type SectionChange = {
  kind: SectionKind;
  heading: string;
  before?: SectionPlace;
  after?: SectionPlace;
  renamed: boolean;
  changes: TextChange[];
  figures: FigureChange[];
  reordered?: boolean;
  splitFrom?: string;
  splitInto?: string[];
  mergedInto?: string;
  mergedFrom?: string[];
};

export type SectionComparison = { sections: SectionChange[]; counts: Record<SectionKind, number> };

const place = (section: ComparableSection, position: number): SectionPlace => ({ heading: section.heading, path: section.path, position });

/** Figures of a whole added or removed section: only those that read as policy terms (not bare numbers or dates), at most a few. */
function sectionFigures(body: string, side: 'before' | 'after'): FigureChange[] {
  return textUnits(body)
    .flatMap((unit) => findFigures(unit).map((figure) => ({ unit, figure })))
    .filter(({ figure }) => figure.kind !== 'number' && figure.kind !== 'date')
    .slice(0, 5)
    .map(({ unit, figure }) => {
      const trail = unit.slice(figure.end).split(/[.;!?()]|,\s/)[0]?.trim().split(/\s+/).filter(Boolean).slice(0, 4).join(' ') ?? '';
      return { kind: figure.kind, ...(side === 'before' ? { before: figure.text } : { after: figure.text }), lead: '', trail };
    });
}

const whole = (body: string, kind: 'added' | 'removed'): TextChange[] => textUnits(body).map((text) => ({ kind, text, figures: [] }));

/**
 * A section split out of another: its text is compared with the sentences
 * its source lost, and those found again leave the source's list of
 * removals. (`mergeInto` is the mirror image for a section merged into
 * another.)
 */
function splitOff(source: SectionChange, part: SectionChange, body: string): void {
  const lost = source.changes.flatMap((change) => (change.kind === 'removed' ? [change.text] : []));
  const diff = diffSectionText(lost.join('\n'), body);
  const stillLost = new Set(diff.changes.flatMap((change) => (change.kind === 'removed' ? [change.text] : [])));
  source.changes = source.changes.filter((change) => change.kind !== 'removed' || stillLost.has(change.text));
  source.splitInto = [...(source.splitInto ?? []), part.heading];
  part.changes = diff.changes.filter((change) => change.kind !== 'removed');
  part.figures = pairLooseFigures(part.changes.flatMap((change) => change.figures));
}

function mergeInto(target: SectionChange, part: SectionChange, body: string): void {
  const gained = target.changes.flatMap((change) => (change.kind === 'added' ? [change.text] : []));
  const diff = diffSectionText(body, gained.join('\n'));
  const stillGained = new Set(diff.changes.flatMap((change) => (change.kind === 'added' ? [change.text] : [])));
  target.changes = [...target.changes.filter((change) => change.kind !== 'added' || stillGained.has(change.text)), ...diff.changes.filter((change) => change.kind === 'changed')];
  target.mergedFrom = [...(target.mergedFrom ?? []), part.heading];
  part.changes = diff.changes.filter((change) => change.kind === 'removed');
  part.figures = pairLooseFigures(part.changes.flatMap((change) => change.figures));
}

function settle(change: SectionChange): void {
  change.figures = pairLooseFigures(change.changes.flatMap((item) => item.figures));
  const textChanged = change.changes.length > 0 || change.reordered === true;
  if (change.kind !== 'moved') change.kind = textChanged || change.renamed ? 'changed' : 'unchanged';
}

/**
 * Compares two versions' sections: aligned by content (see `alignSections`),
 * then each pair diffed sentence by sentence and word by word with changed
 * figures called out; a section split out of another (or merged into one) is
 * compared with the text it came from. Sections come in the later version's
 * order, each removed section where it stood, after the section that
 * preceded it.
 */
export function compareSections(before: ComparableSection[], after: ComparableSection[]): SectionComparison {
  const alignment = alignSections(before, after);
  const byAfter = new Map<number, SectionChange>();
  const byBefore = new Map<number, SectionChange>();
  for (const pair of alignment.pairs) {
    const old = before[pair.before]!;
    const now = after[pair.after]!;
    const text = diffSectionText(old.body, now.body);
    const change: SectionChange = {
      kind: pair.moved ? 'moved' : 'changed',
      heading: now.heading,
      before: place(old, pair.before),
      after: place(now, pair.after),
      renamed: normalizeHeading(old.heading) !== normalizeHeading(now.heading),
      changes: text.changes,
      figures: [],
      ...(text.reordered ? { reordered: true } : {}),
    };
    byAfter.set(pair.after, change);
    byBefore.set(pair.before, change);
  }
  for (const added of alignment.added) {
    const now = after[added.after]!;
    const change: SectionChange = {
      kind: 'added',
      heading: now.heading,
      after: place(now, added.after),
      renamed: false,
      changes: whole(now.body, 'added'),
      figures: sectionFigures(now.body, 'after'),
    };
    const source = added.from !== undefined ? byBefore.get(added.from) : undefined;
    if (source) {
      change.splitFrom = before[added.from!]!.heading;
      splitOff(source, change, now.body);
    }
    byAfter.set(added.after, change);
  }
  // A removed section goes after the later-version place of the closest earlier section that survived.
  const removedAfter = new Map<number, SectionChange[]>();
  for (const removed of alignment.removed) {
    const old = before[removed.before]!;
    let anchor = -1;
    for (let i = removed.before - 1; i >= 0 && anchor < 0; i--) {
      const pair = alignment.pairs.find((p) => p.before === i);
      if (pair) anchor = pair.after;
    }
    const change: SectionChange = {
      kind: 'removed',
      heading: old.heading,
      before: place(old, removed.before),
      renamed: false,
      changes: whole(old.body, 'removed'),
      figures: sectionFigures(old.body, 'before'),
    };
    const target = removed.into !== undefined ? byAfter.get(removed.into) : undefined;
    if (target && target.kind !== 'added') {
      change.mergedInto = after[removed.into!]!.heading;
      mergeInto(target, change, old.body);
    }
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), change]);
  }
  for (const change of byBefore.values()) settle(change);
  const sections: SectionChange[] = [...(removedAfter.get(-1) ?? [])];
  for (let j = 0; j < after.length; j++) {
    const change = byAfter.get(j);
    if (change) sections.push(change);
    sections.push(...(removedAfter.get(j) ?? []));
  }
  const counts: Record<SectionKind, number> = { added: 0, removed: 0, changed: 0, moved: 0, unchanged: 0 };
  for (const section of sections) counts[section.kind]++;
  return { sections, counts };
}
