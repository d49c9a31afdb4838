import type { Form } from '../card.ts';

/** The intake form for an exception, prefilled with the clause the requester departs from. */
export function exceptionIntakeForm(clause: { policyId: string; version: string; jurisdiction?: string; title: string; section: string; quote: string }): Form {
  return {
    id: 'exception.intake',
    title: 'Request an exception',
    intro: [
      { type: 'text', text: `**${clause.title}** (version ${clause.version}), "${clause.section}"` },
      { type: 'quote', text: clause.quote.length > 1500 ? `${clause.quote.slice(0, 1499)}…` : clause.quote },
    ],
    fields: [
      { id: 'justification', label: 'Why do you need an exception?', kind: 'textarea', required: true },
      { id: 'amount', label: 'Amount', kind: 'number' },
      { id: 'currency', label: 'Currency', kind: 'text', maxLength: 3, hint: 'USD' },
      { id: 'starts_on', label: 'From', kind: 'date' },
      { id: 'ends_on', label: 'Until', kind: 'date' },
      { id: 'evidence', label: 'Links to evidence', kind: 'textarea', hint: 'One link per line (quotes, tickets, approvals).' },
    ],
    submitLabel: 'Send to reviewers',
    value: { policyId: clause.policyId, version: clause.version, section: clause.section, ...(clause.jurisdiction ? { jurisdiction: clause.jurisdiction } : {}) },
  };
}
