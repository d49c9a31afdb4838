import { contentTerms } from '../retrieval/analyze-text.ts';
import { splitSentences } from '../retrieval/split-sentences.ts';
import { extractQuantities, type Quantity } from './extract-quantities.ts';

/** Where a passage comes from: a section of a policy version (current, or retired / superseded), or a note the requester attached. */
export type PassageSource =
  | { kind: 'policy'; policyId: string; version: string; title: string; section: string; status: 'current' | 'superseded'; effective: string; jurisdiction?: string }
  | { kind: 'note'; note: number };

/** One sentence of a source, with what a claim is matched on: its words (and its section's headings) and the values it states. */
export type Passage = { source: PassageSource; text: string; stems: Set<string>; quantities: Quantity[] };

export type ClaimKind = 'number' | 'date' | 'amount' | 'duration' | 'policy' | 'obligation';

export type ClaimCheck = {
  sentence: string;
  kinds: ClaimKind[];
  status: 'supported' | 'unsupported' | 'contradicted';
  /** The source text that supports or contradicts it (for a retired value: the retired version). */
  source?: { ref: PassageSource; text: string };
  /** For a contradicted claim: what the current source says about the same thing, where found. */
  current?: { ref: PassageSource; text: string };
  /** Why, in words a reviewer reads. */
  explanation: string;
};

const obligation = /\b(must|shall|required|requires?|mandatory|have to|has to|need to|needs to|may not|must not|cannot|can't|not allowed|prohibited|obliged|entitled)\b/i;
const durationUnits = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const amountUnits = new Set(['usd', 'gbp', 'eur', 'chf', 'percent']);
/** Share of a claim's words that a passage (with its headings) must hold to be about the same thing. */
const sameTopic = 0.5;

function kindsOf(sentence: string, quantities: Quantity[], policyTitles: string[]): ClaimKind[] {
  const kinds = new Set<ClaimKind>();
  for (const q of quantities) kinds.add(q.unit === 'date' || q.unit === 'time' ? 'date' : amountUnits.has(q.unit) ? 'amount' : durationUnits.has(q.unit) ? 'duration' : 'number');
  const lower = sentence.toLowerCase();
  if (policyTitles.some((title) => lower.includes(title.toLowerCase()))) kinds.add('policy');
  if (obligation.test(sentence)) kinds.add('obligation');
  return [...kinds];
}

/** The sentences of a draft: each line (a paragraph, a bullet) split into sentences, list markers and quotes removed. */
export function draftSentences(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((line) => line && !/^#+\s/.test(line))
    .flatMap((line) => splitSentences(line));
}

const claimStems = (sentence: string) => new Set(contentTerms(sentence.replace(/\[(?:S|N)\d+\]/g, ' ')).filter((term) => !/^\d/.test(term)));

function overlap(claim: Set<string>, passage: Passage): number {
  if (claim.size === 0) return 0;
  let shared = 0;
  for (const term of claim) if (passage.stems.has(term)) shared++;
  return shared / claim.size;
}

const sameQuantity = (a: Quantity, b: Quantity) => a.unit === b.unit && a.value === b.value;

function describe(ref: PassageSource): string {
  return ref.kind === 'note' ? `note ${ref.note}` : `${ref.title} version ${ref.version}, "${ref.section}"${ref.status === 'superseded' ? ' (no longer in force)' : ''}`;
}

/**
 * Checks every sentence of a draft that states a fact (a number, date,
 * amount or duration, a named policy, an obligation) against the sources:
 *
 * - `supported`: a current source (or an attached note) about the same
 *   thing states each of its values; a claim without values, when a source
 *   says the same in most of its words. A note supports a value only where
 *   no current policy about the same thing states another: the policy wins;
 * - `contradicted`: one of its values is what a retired or superseded
 *   version said (shown, with what the current one says), or the current
 *   source about the same thing states another value of the same kind
 *   ("28 days" where the policy says "25 days");
 * - `unsupported`: no source says it.
 *
 * Pure: the caller gathers the passages (see `claimPassages`).
 */
export function checkClaims(text: string, sources: { current: Passage[]; superseded: Passage[]; policyTitles: string[] }): ClaimCheck[] {
  const checks: ClaimCheck[] = [];
  for (const sentence of draftSentences(text)) {
    const quantities = extractQuantities(sentence);
    const kinds = kindsOf(sentence, quantities, sources.policyTitles);
    if (kinds.length === 0) continue;
    const stems = claimStems(sentence);
    const about = (passages: Passage[]) =>
      passages
        .map((passage) => ({ passage, score: overlap(stems, passage) }))
        .filter((entry) => entry.score >= sameTopic)
        .sort((a, b) => b.score - a.score)
        .map((entry) => entry.passage);
    const current = about(sources.current);
    const old = about(sources.superseded);
    if (quantities.length === 0) {
      const best = current[0];
      checks.push(
        best
          ? { sentence, kinds, status: 'supported', source: { ref: best.source, text: best.text }, explanation: `Stated in ${describe(best.source)}.` }
          : { sentence, kinds, status: 'unsupported', explanation: 'No source of this draft says this.' },
      );
      continue;
    }
    let result: ClaimCheck | undefined;
    let support: Passage | undefined;
    const policies = current.filter((passage) => passage.source.kind === 'policy');
    const notes = current.filter((passage) => passage.source.kind === 'note');
    for (const quantity of quantities) {
      const states = (passage: Passage) => passage.quantities.some((q) => sameQuantity(q, quantity));
      const statesOther = (passage: Passage) => passage.quantities.some((q) => q.unit === quantity.unit);
      const stated = policies.find(states);
      if (stated) {
        support ??= stated;
        continue;
      }
      // A policy outranks a note: a note cannot make a value the current policy contradicts "supported".
      const noted = notes.find(states);
      const differing = policies.find(statesOther) ?? (noted ? undefined : notes.find(statesOther));
      if (noted && !differing) {
        support ??= noted;
        continue;
      }
      const retired = old.find(states);
      if (retired) {
        result = {
          sentence, kinds, status: 'contradicted',
          source: { ref: retired.source, text: retired.text },
          ...(differing ? { current: { ref: differing.source, text: differing.text } } : {}),
          explanation: `"${quantity.text}" is what ${describe(retired.source)} said; it is no longer in force.${differing ? ` The current text: "${differing.text}"` : ''}`,
        };
        break;
      }
      if (differing) {
        const values = differing.quantities.filter((q) => q.unit === quantity.unit).map((q) => q.text).join(', ');
        result = {
          sentence, kinds, status: 'contradicted',
          source: { ref: differing.source, text: differing.text },
          explanation: `"${quantity.text}" differs from ${describe(differing.source)}, which says ${values}.${noted ? ` Only ${describe(noted.source)} states it.` : ''}`,
        };
        break;
      }
      // Keep looking: a contradicted value elsewhere in the sentence matters more.
      result ??= { sentence, kinds, status: 'unsupported', explanation: `No source of this draft states "${quantity.text}".` };
    }
    checks.push(result ?? { sentence, kinds, status: 'supported', source: { ref: support!.source, text: support!.text }, explanation: `Stated in ${describe(support!.source)}.` });
  }
  return checks;
}
