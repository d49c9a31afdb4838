import type { SectionChange } from '../../lifecycle/compare-sections.ts';
import type { PolicyComparison, VersionInfo } from '../../lifecycle/compare-policy-versions.ts';
import type { Segment, TextChange } from '../../lifecycle/diff-section-text.ts';
import { describeFigureChange } from '../../lifecycle/figure-change.ts';
import type { Card, CardElement } from '../card.ts';

/** How much of a comparison a card holds; the rest is a command away. */
const maxSections = 8;
const maxChangesPerSection = 4;
const maxFigures = 8;
const maxSentence = 280;

const clip = (text: string, max = maxSentence) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const versionText = (version: VersionInfo) => `${version.version} (${version.effective}, ${version.status})`;

/** One side of a reworded sentence, its changed words in bold, cut to a window around the first change when long. */
function side(segments: Segment[], keep: 'added' | 'removed'): string {
  const parts = segments.filter((segment) => segment.op === 'same' || segment.op === keep);
  let text = '';
  let firstChange = -1;
  for (const part of parts) {
    if (part.op === 'same') {
      text += part.text;
      continue;
    }
    const core = part.text.trimEnd();
    if (firstChange < 0) firstChange = text.length;
    text += core ? `**${core}**${part.text.slice(core.length)}` : part.text;
  }
  // A removed word before punctuation leaves "items ." on the other side.
  text = text.replace(/(\S)\s+([.,;:!?])(?=\s|$)/g, '$1$2');
  if (text.length <= maxSentence || firstChange < 0) return text.trim();
  const start = Math.max(0, firstChange - 80);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + maxSentence).trim()}…`;
}

function changeLines(change: TextChange): string[] {
  if (change.kind === 'added') return [`Added: ${clip(change.text)}`];
  if (change.kind === 'removed') return [`Removed: ${clip(change.text)}`];
  return [`Before: ${side(change.segments, 'removed')}`, `Now: ${side(change.segments, 'added')}`];
}

function sectionHeading(section: SectionChange): string {
  const notes: string[] = [];
  if (section.kind === 'added') notes.push(section.splitFrom ? `new, split from "${section.splitFrom}"` : 'new section');
  if (section.kind === 'removed') notes.push(section.mergedInto ? `removed, merged into "${section.mergedInto}"` : 'removed');
  if (section.kind === 'moved') notes.push('moved');
  if (section.renamed && section.before) notes.push(`was "${section.before.heading}"`);
  if (section.splitInto) notes.push(`part moved to ${section.splitInto.map((heading) => `"${heading}"`).join(', ')}`);
  return `**${section.heading}**${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/**
 * A comparison of two versions of a policy as a card: the versions, changed
 * front-matter, the figures that changed, then section by section what was
 * added, removed or reworded (changed words in bold), up to what a chat
 * message holds; the note says how to see everything.
 */
export function comparisonCard(comparison: PolicyComparison): Card {
  const { counts } = comparison;
  const summary = `${comparison.title}, ${comparison.from.version} → ${comparison.to.version}: ${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.moved} moved`;
  const body: CardElement[] = [
    {
      type: 'facts',
      facts: [
        { label: 'From', value: versionText(comparison.from) },
        { label: 'To', value: versionText(comparison.to) },
        ...comparison.metadata.filter((m) => m.field !== 'status' && m.field !== 'effective').map((m) => ({ label: m.field.replace('_', ' '), value: `${m.before ?? '—'} → ${m.after ?? '—'}` })),
      ],
    },
    { type: 'text', text: `${counts.changed} sections changed, ${counts.added} added, ${counts.removed} removed, ${counts.moved} moved, ${counts.unchanged} unchanged.` },
  ];
  if (comparison.keyFigures.length > 0) {
    body.push({ type: 'facts', facts: comparison.keyFigures.slice(0, maxFigures).map((figure) => ({ label: figure.section.replace(/:$/, ''), value: describeFigureChange(figure) })) });
  }
  const shown = comparison.sections.filter((section) => section.kind !== 'unchanged');
  for (const section of shown.slice(0, maxSections)) {
    const lines = section.changes.slice(0, maxChangesPerSection).flatMap(changeLines);
    if (section.changes.length > maxChangesPerSection) lines.push(`…and ${section.changes.length - maxChangesPerSection} more`);
    body.push({ type: 'text', text: [sectionHeading(section), ...lines].join('\n') });
  }
  const command = `policy-desk diff ${comparison.policyId} --from ${comparison.from.version} --to ${comparison.to.version}`;
  const more = shown.length > maxSections ? `${shown.length - maxSections} more changed sections not shown. ` : '';
  body.push({ type: 'note', text: `${more}Retired versions are history: answers only cite the version in force. Everything: \`${command}\`.` });
  return {
    key: `compare:${comparison.policyId}:${comparison.from.versionId}:${comparison.to.versionId}`,
    title: `What changed in the ${comparison.title}: ${comparison.from.version} → ${comparison.to.version}`,
    body,
    actions: [],
    summary,
  };
}
