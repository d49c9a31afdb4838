import { describe, expect, it } from 'vitest';
import { cardToHtml, formToHtml } from '../../../adapters/console/card-to-html.ts';
import { exceptionIntakeForm } from '../../../src/chat/cards/exception-intake-form.ts';
import type { Card } from '../../../src/chat/card.ts';

const options = { csrf: 'tok', back: '/console/playground', idPrefix: 'x' };

describe('cardToHtml', () => {
  it('renders **bold**, facts, quotes, sources and notes, escaping every value', () => {
    const card: Card = {
      title: 'Request <#1>',
      body: [
        { type: 'text', text: '**Clause:** <b>Lodging</b>\nsecond line' },
        { type: 'facts', facts: [{ label: 'Amount', value: '4100 "USD"' }] },
        { type: 'quote', text: 'Hotels up to $200 & taxes' },
        { type: 'sources', citations: [{ policyId: 'travel', version: '4.2', title: 'Travel', section: '1. Lodging', quote: 'q', effective: '2025-07-01', jurisdiction: 'UK' }] },
        { type: 'note', text: 'Earlier decisions: none' },
      ],
      actions: [],
      summary: 'A "card"',
    };
    const out = cardToHtml(card, options).value;
    expect(out).toContain('<h3>Request &lt;#1&gt;</h3>');
    expect(out).toContain('<p><strong>Clause:</strong> &lt;b&gt;Lodging&lt;/b&gt;<br>second line</p>');
    expect(out).toContain('<dt>Amount</dt><dd>4100 &quot;USD&quot;</dd>');
    expect(out).toContain('<blockquote>Hotels up to $200 &amp; taxes</blockquote>');
    expect(out).toContain('<strong>Travel</strong>, version 4.2 (UK), section “1. Lodging”, effective 2025-07-01');
    expect(out).toContain('aria-label="A &quot;card&quot;"');
  });

  it('turns a button into a POST of an action event, and a button with a form into the form in place', () => {
    const clause = { policyId: 'travel', version: '4.2', section: '2. Airfare', title: 'Travel', quote: 'Economy only.' };
    const card: Card = {
      body: [],
      actions: [
        { id: 'exception.approve', label: 'Approve', style: 'primary', value: { requestId: '7' } },
        { id: 'exception.open', label: 'Request an exception', value: { policyId: 'travel' }, form: exceptionIntakeForm(clause) },
      ],
      summary: 's',
    };
    const out = cardToHtml(card, options).value;
    expect(out).toMatch(/<form method="post" action="\/console\/chat\/action" class="inline">\s*<input type="hidden" name="_csrf" value="tok">/);
    expect(out).toContain('<input type="hidden" name="value" value="{&quot;requestId&quot;:&quot;7&quot;}">');
    expect(out).toContain('<button type="submit" class="button primary">Approve</button>');
    expect(out).toMatch(/<details class="action-form"><summary class="button">Request an exception<\/summary><form method="post" action="\/console\/chat\/form"/);
    expect(out).toContain('<textarea id="x-a1-justification" name="field.justification" required rows="3"></textarea>');
    expect(out).toContain('<input type="number" step="any" id="x-a1-amount" name="field.amount" value="">');
  });

  it('shows a refused form with its message by the field and what was typed', () => {
    const form = exceptionIntakeForm({ policyId: 'travel', version: '4.2', section: 'Airfare', title: 'Travel', quote: 'q' });
    const out = formToHtml(form, options, { values: { justification: '<why>', amount: 'lots' }, error: { field: 'amount', message: '"lots" is not an amount.' } }).value;
    expect(out).toContain('>&lt;why&gt;</textarea>');
    expect(out).toMatch(/name="field.amount" aria-describedby="x-amount-error" aria-invalid="true" value="lots">/);
    expect(out).toContain('<p id="x-amount-error" class="field-error" role="alert">&quot;lots&quot; is not an amount.</p>');
  });
});
