import type { AskResult, Citation } from '../../answers/ask-result.ts';
import type { Card, CardAction } from '../card.ts';
import { exceptionIntakeForm } from './exception-intake-form.ts';

/** The clause a "Request an exception" button refers to: a section of a version the asker was shown. */
export type ClauseRef = { policyId: string; version: string; jurisdiction?: string; section: string };

/**
 * An answer as a card: the answer text, its sources (policy, version,
 * section, effective date), and, for an answer, 👍/👎 feedback and a button
 * to request an exception to the cited clause where its policy allows them.
 */
export function answerCard(result: AskResult & { answerId?: number }, options: { exceptionClause?: Citation; generated?: boolean } = {}): Card {
  const actions: CardAction[] = [];
  if (result.status === 'answered' && result.answerId !== undefined) {
    const answerId = String(result.answerId);
    actions.push({ id: 'answer.feedback', label: '👍', value: { answerId, helpful: 'yes' } });
    actions.push({ id: 'answer.feedback', label: '👎', value: { answerId, helpful: 'no' } });
    const clause = options.exceptionClause;
    if (clause) {
      const ref: ClauseRef = { policyId: clause.policyId, version: clause.version, section: clause.section, ...(clause.jurisdiction ? { jurisdiction: clause.jurisdiction } : {}) };
      actions.push({ id: 'exception.open', label: 'Request an exception', value: ref, form: exceptionIntakeForm(clause) });
    }
  }
  return {
    ...(result.answerId !== undefined ? { key: `answer:${result.answerId}` } : {}),
    body: [{ type: 'text', text: result.answer }, ...(result.citations.length > 0 ? [{ type: 'sources' as const, citations: result.citations }] : [])],
    actions,
    summary: result.answer,
    ...(options.generated ? { generated: true } : {}),
  };
}
