/** One source an answer relies on (`shared/spec/formats.md`). */
export type Citation = {
  policyId: string;
  version: string;
  title: string;
  section: string;
  quote: string;
  /** The date this version took effect. */
  effective: string;
  /** Set when a jurisdiction variant was chosen for the asker's location. */
  jurisdiction?: string;
};

export type AskStatus = 'answered' | 'abstained' | 'refused';

/** What `ask` returns, and what `ask --json` prints. */
export type AskResult = {
  status: AskStatus;
  answer: string;
  citations: Citation[];
  /** The owner group offered when abstaining. */
  routedTo?: string;
  /** Why the bot refused or abstained, as a stable code. */
  reason?: string;
};

/** An answer as recorded: the result, and the id of its audit record (for feedback). */
export type RecordedAnswer = AskResult & { answerId: number };

/** The fields of the `ask --json` contract, without what is only for adapters. */
export function askContract(result: AskResult): AskResult {
  const { status, answer, citations, routedTo, reason } = result;
  return { status, answer, citations, ...(routedTo !== undefined ? { routedTo } : {}), ...(reason !== undefined ? { reason } : {}) };
}
