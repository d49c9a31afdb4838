import type { Form } from '../card.ts';

/** The form a requester answers a reviewer's question with. */
export function answerInfoForm(requestId: number, question: string): Form {
  return {
    id: 'exception.answer',
    title: 'Answer the reviewers',
    intro: [{ type: 'quote', text: question }],
    fields: [{ id: 'answer', label: 'Your answer', kind: 'textarea', required: true }],
    submitLabel: 'Send answer',
    value: { requestId: String(requestId) },
  };
}
