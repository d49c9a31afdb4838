import type { SectionChange } from '../../src/lifecycle/compare-sections.ts';
import type { PolicyComparison, VersionInfo } from '../../src/lifecycle/compare-policy-versions.ts';
import type { Segment } from '../../src/lifecycle/diff-section-text.ts';
import { describeFigureChange } from '../../src/lifecycle/figure-change.ts';

/** Removed words as [-…-], added as {+…+}: the word-diff notation of git, which terminals and e-mails keep. */
function marked(segments: Segment[]): string {
  return segments
    .map((segment, index) => {
      if (segment.op === 'same') return segment.text;
      const core = segment.text.trimEnd();
      // A replacement reads [-old-]{+new+}, the two side by side.
      const space = /\s$/.test(segment.text) && segments[index + 1]?.op !== 'added' ? ' ' : '';
      return `${segment.op === 'added' ? `{+${core}+}` : `[-${core}-]`}${space}`;
    })
    .join('');
}

const versionLine = (label: string, version: VersionInfo) =>
  `  ${label} version ${version.version}${version.jurisdiction ? ` (${version.jurisdiction})` : ''}, effective ${version.effective}, ${version.status}`;

function sectionTitle(section: SectionChange): string {
  const sign = { added: '+', removed: '-', changed: '~', moved: '>', unchanged: '=' }[section.kind];
  const notes: string[] = [];
  if (section.kind === 'added') notes.push(section.splitFrom ? `new, split from "${section.splitFrom}"` : 'new section');
  if (section.kind === 'removed') notes.push(section.mergedInto ? `removed, merged into "${section.mergedInto}"` : 'removed');
  if (section.kind === 'moved') notes.push(section.before && section.after && section.before.path.join(' › ') !== section.after.path.join(' › ') ? `moved under "${section.after.path.at(-1) ?? 'the top'}"` : 'moved');
  if (section.renamed && section.before) notes.push(`was "${section.before.heading}"`);
  if (section.splitInto) notes.push(`part moved to ${section.splitInto.map((h) => `"${h}"`).join(', ')}`);
  if (section.mergedFrom) notes.push(`takes in ${section.mergedFrom.map((h) => `"${h}"`).join(', ')}`);
  if (section.reordered) notes.push('sentences reordered');
  return `${sign} ${section.heading}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

/** A comparison for a terminal: versions, front-matter changes, key figures, then each section with its changes. */
export function formatComparison(comparison: PolicyComparison): string {
  const { counts } = comparison;
  const lines = [
    `${comparison.title} (${comparison.policyId}): version ${comparison.from.version} → ${comparison.to.version}`,
    versionLine('from', comparison.from),
    versionLine('to  ', comparison.to),
  ];
  for (const change of comparison.metadata) lines.push(`  ${change.field}: ${change.before ?? '(none)'} → ${change.after ?? '(none)'}`);
  lines.push(`${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${counts.moved} moved, ${counts.unchanged} unchanged`);
  if (comparison.keyFigures.length > 0) {
    lines.push('', 'Changed figures:');
    for (const figure of comparison.keyFigures) lines.push(`  • ${figure.section.replace(/:$/, '')}: ${describeFigureChange(figure)}`);
  }
  const unchanged: string[] = [];
  for (const section of comparison.sections) {
    if (section.kind === 'unchanged') {
      unchanged.push(section.heading);
      continue;
    }
    lines.push('', sectionTitle(section));
    for (const change of section.changes) {
      if (change.kind === 'changed') lines.push(`  ~ ${marked(change.segments)}`);
      else lines.push(`  ${change.kind === 'added' ? '+' : '-'} ${change.text}`);
    }
  }
  if (unchanged.length > 0) lines.push('', `= Unchanged: ${unchanged.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
