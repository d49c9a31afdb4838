import { describe, expect, it } from 'vitest';
import { cardToActivity } from '../../../adapters/teams/card-to-activity.ts';
import { cardToAdaptiveCard, formToAdaptiveCard } from '../../../adapters/teams/card-to-adaptive-card.ts';
import { submissionFromInvoke, submissionFromMessageValue } from '../../../adapters/teams/card-submission.ts';
import type { Card } from '../../../src/chat/card.ts';
import { exceptionIntakeForm } from '../../../src/chat/cards/exception-intake-form.ts';

const citation = { policyId: 'travel', version: '4.2', title: 'Travel policy', section: '3.1 Lodging', quote: 'Hotels up to USD 250 per night.', effective: '2026-03-01' };
const answer: Card = {
  key: 'answer:7',
  body: [{ type: 'text', text: 'Hotels are capped at **USD 250** a night.' }, { type: 'sources', citations: [citation] }],
  actions: [
    { id: 'answer.feedback', label: '👍', value: { answerId: '7', helpful: 'yes' } },
    { id: 'exception.deny', label: 'Deny', style: 'danger', value: { requestId: '3' } },
  ],
  summary: 'Hotels are capped at USD 250 a night.',
  generated: true,
};

describe('cards as Adaptive Cards', () => {
  it('renders version 1.5 with Action.Execute buttons whose verb is the action id and data its value', () => {
    const card = cardToAdaptiveCard(answer);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: '👍', verb: 'answer.feedback', data: { answerId: '7', helpful: 'yes' } },
      { type: 'Action.Execute', title: 'Deny', verb: 'exception.deny', data: { requestId: '3' }, style: 'destructive' },
    ]);
    expect(JSON.stringify(card.body)).toContain('[1] Travel policy, version 4.2, \\"3.1 Lodging\\" · effective 2026-03-01');
  });

  it('gives a button that opens a form the key of the kept form, and reads it back', () => {
    const form = exceptionIntakeForm({ ...citation, title: 'Travel policy' });
    const kept: string[] = [];
    const card = cardToAdaptiveCard({ ...answer, actions: [{ id: 'draft.edit', label: 'Edit', value: { draftId: '4' }, form }] }, { keepForm: (f) => (kept.push(f.id), 'key-1') });
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Edit', verb: 'draft.edit', data: { draftId: '4', _form: 'key-1' } }]);
    expect(kept).toEqual(['exception.intake']);
    expect(submissionFromInvoke({ action: { type: 'Action.Execute', verb: 'draft.edit', data: { draftId: '4', _form: 'key-1' } } })).toEqual({ kind: 'action', action: 'draft.edit', value: { draftId: '4' }, formKey: 'key-1' });
  });

  it('renders a decided card without buttons', () => {
    expect(cardToAdaptiveCard({ ...answer, actions: [] }).actions).toBeUndefined();
  });

  it('puts an answer’s text in the message with [n] markers, its citations and the AI label in the entity', () => {
    const activity = cardToActivity(answer) as { text: string; entities: Record<string, unknown>[]; attachments: { content: { body: unknown[] } }[] };
    expect(activity.text).toBe('Hotels are capped at **USD 250** a night. [1]');
    expect(activity.entities[0]).toMatchObject({
      '@type': 'Message',
      additionalType: ['AIGeneratedContent'],
      citation: [{ '@type': 'Claim', position: 1, appearance: { '@type': 'DigitalDocument', name: 'Travel policy, version 4.2, "3.1 Lodging"', abstract: 'Hotels up to USD 250 per night.' } }],
    });
    expect(JSON.stringify(activity.attachments[0]!.content.body)).not.toContain('capped');
    expect(cardToActivity({ ...answer, generated: false }).entities).toEqual([expect.not.objectContaining({ additionalType: expect.anything() })]);
  });

  it('renders a form inline with its inputs and a submit whose verb is the form id, and reads the submission back', () => {
    const form = exceptionIntakeForm({ ...citation, title: 'Travel policy' });
    const card = formToAdaptiveCard(form);
    expect(card.body.filter((element) => String(element.type).startsWith('Input.')).map((element) => [element.type, element.id])).toEqual([
      ['Input.Text', 'justification'], ['Input.Number', 'amount'], ['Input.Text', 'currency'], ['Input.Date', 'starts_on'], ['Input.Date', 'ends_on'], ['Input.Text', 'evidence'],
    ]);
    const submit = card.actions![0] as { verb: string; data: Record<string, unknown> };
    expect(submit.verb).toBe('exception.intake');
    // Teams merges the inputs into the data next to the form's own.
    const submission = submissionFromInvoke({ action: { type: 'Action.Execute', verb: submit.verb, data: { ...submit.data, justification: 'Overnight flight', amount: 4100 } }, trigger: 'manual' });
    expect(submission).toMatchObject({ kind: 'form', form: 'exception.intake', value: form.value, fields: { justification: 'Overnight flight', amount: '4100' } });
    expect(submissionFromInvoke({ action: { type: 'Action.Execute', verb: 'exception.deny', data: { requestId: '3' } } })).toEqual({ kind: 'action', action: 'exception.deny', value: { requestId: '3' } });
    expect(submissionFromInvoke({ action: { type: 'Action.Submit' } })).toBeUndefined();
    expect(submissionFromMessageValue({ verb: 'answer.feedback', answerId: '7', helpful: 'no' })).toEqual({ kind: 'action', action: 'answer.feedback', value: { answerId: '7', helpful: 'no' } });
    expect(submissionFromMessageValue('text')).toBeUndefined();
  });

  it('redraws a refused form with the message by its field and what was typed', () => {
    const form = exceptionIntakeForm({ ...citation, title: 'Travel policy' });
    const card = formToAdaptiveCard(form, { typed: { justification: 'x', amount: 'abc' }, error: { field: 'amount', message: '"abc" is not an amount.' } });
    const index = card.body.findIndex((element) => element.id === 'amount');
    expect(card.body[index + 1]).toMatchObject({ text: '⚠️ "abc" is not an amount.', color: 'Attention' });
    expect(card.body.find((element) => element.id === 'justification')).toMatchObject({ value: 'x' });
  });
});
