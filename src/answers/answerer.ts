import type { Person } from '../directory/find-person.ts';
import type { Evidence } from '../retrieval/rank-evidence.ts';
import type { Citation } from './ask-result.ts';

export type AnswerInput = {
  question: string;
  person: Person;
  evidence: Evidence[];
  /**
   * Whether the ranking alone is sure enough that the first evidence answers
   * to quote it. When it is not, only an answerer that judges the evidence
   * itself is asked, and it abstains rather than fall back to quoting.
   */
  confident: boolean;
};

export type AnswerDraft =
  | { status: 'answered'; answer: string; citations: Citation[] }
  | { status: 'abstained'; answer?: string };

/** Turns ranked evidence into an answer: the offline quoter or a language model. */
export type Answerer = {
  name: string;
  /**
   * The answerer reads the evidence and abstains when it does not answer (a
   * language model): it is also asked about questions the ranking is unsure
   * of, rather than the bot abstaining on the ranking's word alone.
   */
  judgesEvidence?: boolean;
  answer(input: AnswerInput): Promise<AnswerDraft>;
};

/** A citation for one sentence (or run of sentences) of a piece of evidence. */
export function citationFor(evidence: Evidence, quote: string): Citation {
  const { version, section } = evidence;
  return {
    policyId: version.policyId,
    version: version.version,
    title: version.title,
    section: section.heading,
    quote,
    effective: version.effective,
    ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}),
  };
}
