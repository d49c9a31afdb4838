import { diffArrays } from 'diff';
import { splitSentences } from '../retrieval/split-sentences.ts';
import { findFigures, type Figure } from './find-figures.ts';
import type { FigureChange } from './figure-change.ts';
import { fingerprint, similarity } from './section-similarity.ts';

/** A run of words of a changed sentence: kept, added or removed. */
export type Segment = { op: 'same' | 'added' | 'removed'; text: string };

/** One change inside a section: a sentence (or table row, list item) added, removed, or reworded. */
export type TextChange =
  | { kind: 'added'; text: string; figures: FigureChange[] }
  | { kind: 'removed'; text: string; figures: FigureChange[] }
  | { kind: 'changed'; before: string; after: string; segments: Segment[]; figures: FigureChange[] };

export type SectionTextDiff = { changes: TextChange[]; reordered: boolean };

/** Two sentences this alike are a rewording of one another; less, a removal and an addition. */
const rewording = 0.35;

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A section's text as units a reader compares: its blocks, each cut into sentences (a table row stays one unit). */
export function textUnits(body: string): string[] {
  return body
    .split('\n')
    .map(tidy)
    .filter(Boolean)
    .flatMap((block) => splitSentences(block).map(tidy));
}

/** Up to `count` words next to a figure, stopping at the end of the clause. */
function nearbyWords(text: string, figure: Figure, side: 'lead' | 'trail', count = 4): string {
  if (side === 'trail') {
    const rest = text.slice(figure.end);
    const clause = rest.split(/[.;!?()]|,\s|:\s/)[0] ?? '';
    return clause.trim().split(/\s+/).filter(Boolean).slice(0, count).join(' ');
  }
  const before = text.slice(0, figure.start);
  const clause = before.split(/[.;!?()]\s|,\s/).pop() ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  // A lead that starts on a dash or bracket reads as a fragment: start at the first word.
  return words.slice(-count).join(' ').replace(/^[^\p{Letter}\p{Number}$£€]+/u, '');
}

/** For a table row ("City tier: Standard; Nightly limit: $250"), the row's first cell and the figure's column. */
function rowLead(text: string, figure: Figure): string | undefined {
  const cells = text.split('; ');
  if (cells.length < 2 || !cells.every((cell) => /^[^:]{1,60}: /.test(cell))) return undefined;
  let offset = 0;
  for (const [index, cell] of cells.entries()) {
    if (figure.start >= offset && figure.start < offset + cell.length) {
      const label = cell.slice(0, cell.indexOf(': ') + 1);
      return index === 0 ? label : `${cells[0]}; ${label}`;
    }
    offset += cell.length + 2;
  }
  return undefined;
}

function figureChange(figure: Figure, text: string, side: 'before' | 'after', other?: { figure: Figure; text: string }): FigureChange {
  // Context comes from the later text when there is one: it is what applies now.
  const [contextFigure, contextText] = side === 'after' || !other ? [figure, text] : [other.figure, other.text];
  const lead = rowLead(contextText, contextFigure) ?? nearbyWords(contextText, contextFigure, 'lead');
  const trail = nearbyWords(contextText, contextFigure, 'trail');
  const change: FigureChange = { kind: figure.kind, lead, trail };
  if (side === 'before') change.before = figure.text;
  else change.after = figure.text;
  if (other) {
    if (side === 'before') change.after = other.figure.text;
    else change.before = other.figure.text;
  }
  return change;
}

/**
 * The figures a rewording changed: those overlapping removed words in the
 * earlier sentence and added words in the later one, paired by kind within
 * the same edit ("6 hours" → "8 hours"), then by kind in order.
 */
function changedFigures(segments: Segment[]): FigureChange[] {
  const before = { text: '', spans: [] as { start: number; end: number; hunk: number }[] };
  const after = { text: '', spans: [] as { start: number; end: number; hunk: number }[] };
  let hunk = 0;
  for (const segment of segments) {
    if (segment.op === 'same') {
      if (/[\p{Letter}\p{Number}]/u.test(segment.text)) hunk++;
      before.text += segment.text;
      after.text += segment.text;
      continue;
    }
    const side = segment.op === 'removed' ? before : after;
    side.spans.push({ start: side.text.length, end: side.text.length + segment.text.length, hunk });
    side.text += segment.text;
  }
  const touched = (side: typeof before) =>
    findFigures(side.text).flatMap((figure) => {
      const span = side.spans.find((s) => s.start < figure.end && figure.start < s.end && /[\p{Letter}\p{Number}]/u.test(side.text.slice(Math.max(s.start, figure.start), Math.min(s.end, figure.end))));
      return span ? [{ figure, hunk: span.hunk, used: false }] : [];
    });
  const removed = touched(before);
  const added = touched(after);
  const changes: FigureChange[] = [];
  const pairUp = (sameHunk: boolean) => {
    for (const old of removed) {
      if (old.used) continue;
      const partner = added.find((candidate) => !candidate.used && candidate.figure.kind === old.figure.kind && (!sameHunk || candidate.hunk === old.hunk));
      if (!partner) continue;
      old.used = partner.used = true;
      changes.push(figureChange(partner.figure, after.text, 'after', { figure: old.figure, text: before.text }));
    }
  };
  pairUp(true);
  pairUp(false);
  for (const old of removed) if (!old.used) changes.push(figureChange(old.figure, before.text, 'before'));
  for (const fresh of added) if (!fresh.used) changes.push(figureChange(fresh.figure, after.text, 'after'));
  return changes;
}

/** The first words after a figure, which name what it measures ("per night", "per day", "of paid leave"). */
const measure = (change: FigureChange) => change.trail.toLowerCase().split(/\s+/).slice(0, 2).join(' ');

/**
 * A figure removed with one sentence and another added with a different
 * sentence of the same section, of the same kind and measuring the same
 * thing ("$60 per day" gone, "$75 per day" new), is one figure that changed.
 */
export function pairLooseFigures(figures: FigureChange[]): FigureChange[] {
  const out = [...figures];
  for (let i = 0; i < out.length; i++) {
    const gone = out[i]!;
    if (gone.after !== undefined || !measure(gone)) continue;
    const index = out.findIndex((fresh) => fresh.before === undefined && fresh.kind === gone.kind && measure(fresh) === measure(gone));
    if (index < 0) continue;
    const fresh = out[index]!;
    out[i] = { ...fresh, before: gone.before };
    out.splice(index, 1);
    if (index < i) i--;
  }
  return out;
}

/**
 * Words as a reader sees them, each with the spaces after it: a figure
 * ("$1,850", "75%", "2026-03-01") is one word, so a changed amount shows as
 * "$5,000 → $1,850", not as changed digits.
 */
const token = /(?:[$£€¥]\s?)?\d(?:[\d,./:-]*\d)?(?:%|st|nd|rd|th|k\b)?\s*|[\p{Letter}\p{Number}]+(?:['’-][\p{Letter}\p{Number}]+)*\s*|\S\s*/gu;

/** The word-level difference of two sentences, as runs of kept, removed and added words. */
export function diffSentence(before: string, after: string): Segment[] {
  const parts = diffArrays(before.match(token) ?? [], after.match(token) ?? [], { comparator: (x: string, y: string) => x.trimEnd() === y.trimEnd() });
  const segments: Segment[] = [];
  for (const part of parts) {
    const op = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const text = part.value.join('');
    const last = segments[segments.length - 1];
    // Kept words carry the later text's spacing: restore the space an earlier edit needs after them.
    if (last?.op === 'same' && /[^\s(\[“"'‘/-]$/.test(last.text) && /^[\p{Letter}\p{Number}($£€]/u.test(text)) last.text += ' ';
    if (last?.op === op) last.text += text;
    else segments.push({ op, text });
  }
  return segments;
}

/** Figures stated by a sentence that was added or removed whole; bare numbers ("1 event", "step 2") say too little out of their sentence. */
function wholeSentenceFigures(text: string, side: 'before' | 'after'): FigureChange[] {
  return findFigures(text)
    .filter((figure) => figure.kind !== 'number')
    .map((figure) => figureChange(figure, text, side));
}

type Rewording = { before: string; after: string } | { before: string } | { after: string };

/**
 * Pairs the removed and added sentences of one edit that are rewordings of
 * each other (most similar first, one partner each), in the later text's
 * order; a sentence removed outright comes after the later place of the
 * removed sentence before it.
 */
function pairRewordings(removed: string[], added: string[]): Rewording[] {
  const addedPrints = added.map(fingerprint);
  const candidates: { i: number; j: number; value: number }[] = [];
  removed.forEach((sentence, i) => {
    const print = fingerprint(sentence);
    addedPrints.forEach((other, j) => {
      const value = similarity(print, other);
      if (value >= rewording) candidates.push({ i, j, value });
    });
  });
  candidates.sort((x, y) => y.value - x.value || x.i - y.i || x.j - y.j);
  const partnerOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const { i, j } of candidates) {
    if (partnerOf.has(i) || taken.has(j)) continue;
    partnerOf.set(i, j);
    taken.add(j);
  }
  const loose = new Map<number, Rewording[]>();
  let anchor = -1;
  removed.forEach((sentence, i) => {
    const partner = partnerOf.get(i);
    if (partner !== undefined) anchor = partner;
    else loose.set(anchor, [...(loose.get(anchor) ?? []), { before: sentence }]);
  });
  const pairedBefore = new Map([...partnerOf].map(([i, j]) => [j, i]));
  const out: Rewording[] = [...(loose.get(-1) ?? [])];
  added.forEach((sentence, j) => {
    const i = pairedBefore.get(j);
    out.push(i === undefined ? { after: sentence } : { before: removed[i]!, after: sentence });
    out.push(...(loose.get(j) ?? []));
  });
  return out;
}

/**
 * What changed inside one section, sentence by sentence: sentences (and
 * table rows, list items) added or removed, and those reworded with their
 * word-level changes, each with the figures it changed. Sentences only moved
 * within the section are not changes (`reordered` says so).
 */
export function diffSectionText(before: string, after: string): SectionTextDiff {
  const oldUnits = textUnits(before);
  const newUnits = textUnits(after);
  const parts = diffArrays(oldUnits, newUnits);
  const removedAll = parts.filter((part) => part.removed).flatMap((part) => part.value);
  const addedAll = parts.filter((part) => part.added).flatMap((part) => part.value);
  // A sentence removed in one place and added unchanged in another only moved.
  const movedWithin = new Set(removedAll.filter((unit) => addedAll.includes(unit)));
  const changes: TextChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (const item of pairRewordings(removed, added)) {
      if ('before' in item && 'after' in item) {
        const segments = diffSentence(item.before, item.after);
        changes.push({ kind: 'changed', before: item.before, after: item.after, segments, figures: changedFigures(segments) });
      } else if ('before' in item) {
        changes.push({ kind: 'removed', text: item.before, figures: wholeSentenceFigures(item.before, 'before') });
      } else {
        changes.push({ kind: 'added', text: item.after, figures: wholeSentenceFigures(item.after, 'after') });
      }
    }
    removed = [];
    added = [];
  };
  for (const part of parts) {
    if (!part.added && !part.removed) {
      flush();
      continue;
    }
    const units = part.value.filter((unit) => !movedWithin.has(unit));
    if (part.removed) removed.push(...units);
    else added.push(...units);
  }
  flush();
  return { changes, reordered: movedWithin.size > 0 };
}
