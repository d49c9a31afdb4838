import type { Form } from '../card.ts';

/** The form a reviewer fills in to deny (the reason) or to ask the requester something (the question). */
export function reasonForm(kind: 'deny' | 'ask-info', requestId: number): Form {
  return {
    id: `exception.${kind}`,
    title: kind === 'deny' ? 'Deny the exception' : 'Ask for information',
    intro: [{ type: 'text', text: `Exception request #${requestId}` }],
    fields: [{ id: 'reason', label: kind === 'deny' ? 'Reason (the requester sees it)' : 'What do you need to know?', kind: 'textarea', required: true }],
    submitLabel: kind === 'deny' ? 'Deny' : 'Send question',
    value: { requestId: String(requestId) },
  };
}
