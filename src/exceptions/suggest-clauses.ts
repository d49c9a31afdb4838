import { findPerson } from '../directory/find-person.ts';
import { UnknownPersonError } from '../errors.ts';
import { quoteEvidence } from '../answers/quote-evidence.ts';
import { retrieveEvidence, type RetrievalDeps } from '../retrieval/retrieve-evidence.ts';

/** A policy clause an exception could depart from: one section of a version the requester may see. */
export type Clause = {
  policyId: string;
  versionId: number;
  version: string;
  title: string;
  sectionId: number;
  section: string;
  quote: string;
  owner: string;
  exceptions: 'allowed' | 'not-allowed';
  /** Set when the version is a jurisdiction variant. */
  jurisdiction?: string;
};

/**
 * The clauses a request text most likely departs from ("can I fly business
 * class to Tokyo?" → the airfare section of the travel policy), best first,
 * for the requester to confirm. Only versions that are guidance for them.
 */
export async function suggestClauses(
  deps: RetrievalDeps & { now?: () => Date },
  input: { tenant: string; requester: string; text: string; limit?: number },
): Promise<Clause[]> {
  const person = findPerson(deps.db, input.tenant, 'id', input.requester);
  if (!person) throw new UnknownPersonError(`${input.requester} is not in the directory of ${input.tenant}.`);
  const today = (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const { evidence } = await retrieveEvidence(deps, { tenant: input.tenant, person, text: input.text, today });
  return evidence.slice(0, input.limit ?? 3).map((item) => ({
    policyId: item.version.policyId,
    versionId: item.version.versionId,
    version: item.version.version,
    title: item.version.title,
    sectionId: item.section.id,
    section: item.section.heading,
    quote: quoteEvidence(item),
    owner: item.version.owner,
    exceptions: item.version.exceptions,
    ...(item.version.jurisdiction ? { jurisdiction: item.version.jurisdiction } : {}),
  }));
}
