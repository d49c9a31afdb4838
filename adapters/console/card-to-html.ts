import type { Citation } from '../../src/answers/ask-result.ts';
import type { Card, CardAction, CardElement, Form, FormField } from '../../src/chat/card.ts';
import { html, inlineMarkup, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';

/** What every rendered button and form needs: the page's CSRF token, where to come back to, and a prefix that keeps element ids unique on the page. */
export type RenderOptions = { csrf: string; back: string; idPrefix: string };

function sources(citations: Citation[]): SafeHtml {
  return html`<section class="sources" aria-label="Sources"><h4>Sources</h4><ol>${citations.map(
    (c) => html`<li><strong>${c.title}</strong>, version ${c.version}${c.jurisdiction && html` (${c.jurisdiction})`}, section “${c.section}”, effective ${c.effective}
      <blockquote>${c.quote}</blockquote></li>`,
  )}</ol></section>`;
}

/** One element of a card or a form's introduction. */
export function elementToHtml(element: CardElement): SafeHtml {
  switch (element.type) {
    case 'text':
      return html`<p>${inlineMarkup(element.text)}</p>`;
    case 'facts':
      return html`<dl class="facts">${element.facts.map((fact) => html`<div><dt>${fact.label}</dt><dd>${inlineMarkup(fact.value)}</dd></div>`)}</dl>`;
    case 'quote':
      return html`<blockquote>${element.text}</blockquote>`;
    case 'sources':
      return sources(element.citations);
    case 'note':
      return html`<p class="note">${inlineMarkup(element.text)}</p>`;
  }
}

/** What the person typed and why the form was refused, to show a refused form again. */
export type FormState = { values: Record<string, string>; error?: { field?: string; message: string } };

function fieldToHtml(field: FormField, id: string, state: FormState | undefined): SafeHtml {
  const name = `field.${field.id}`;
  const value = state?.values[field.id] ?? field.initial ?? '';
  const error = state?.error?.field === field.id ? state.error.message : undefined;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const common = html`id="${id}" name="${name}"${field.required ? html` required` : ''}${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}${describedBy && html` aria-describedby="${describedBy}"`}${error && html` aria-invalid="true"`}`;
  const control = (() => {
    switch (field.kind) {
      case 'textarea':
        return html`<textarea ${common} rows="3">${value}</textarea>`;
      case 'choice':
        return html`<select ${common}>${(field.choices ?? []).map((choice) => html`<option value="${choice.value}"${choice.value === value ? html` selected` : ''}>${choice.label}</option>`)}</select>`;
      case 'number':
        return html`<input type="number" step="any" ${common} value="${value}">`;
      case 'date':
        return html`<input type="date" ${common} value="${value}">`;
      case 'text':
        return html`<input type="text" ${common} value="${value}"${field.hint ? html` placeholder="${field.hint}"` : ''}>`;
    }
  })();
  return html`<div class="field${error ? ' invalid' : ''}"><label for="${id}">${field.label}${field.required && html` <span class="required" aria-hidden="true">*</span>`}</label>${control}${field.hint && html`<small id="${hintId}" class="hint">${field.hint}</small>`}${error && html`<p id="${errorId}" class="field-error" role="alert">${error}</p>`}</div>`;
}

/**
 * A form as an HTML form posting a `form` event: its id, the value it
 * carries back, and the person's fields. The form's own description rides
 * along (`spec`) so a refused submission can be shown again with its message;
 * like the value, it is never trusted: handlers re-check everything.
 */
export function formToHtml(form: Form, options: RenderOptions, state?: FormState): SafeHtml {
  const known = new Set(form.fields.map((field) => field.id));
  const topError = state?.error && (!state.error.field || !known.has(state.error.field)) ? state.error.message : undefined;
  return html`<form method="post" action="/console/chat/form" class="chat-form" aria-label="${form.title}">
  ${csrfField(options.csrf)}
  <input type="hidden" name="back" value="${options.back}">
  <input type="hidden" name="spec" value="${JSON.stringify(form)}">
  <h4>${form.title}</h4>
  ${topError && html`<p class="field-error" role="alert">${topError}</p>`}
  ${form.intro.map(elementToHtml)}
  ${form.fields.map((field) => fieldToHtml(field, `${options.idPrefix}-${field.id}`, state))}
  <button type="submit" class="primary">${form.submitLabel}</button>
</form>`;
}

function actionToHtml(action: CardAction, options: RenderOptions, index: number): SafeHtml {
  const style = action.style ? ` ${action.style}` : '';
  if (action.form) {
    // Pressing it opens the form in place (no script needed); submitting the form is the event.
    return html`<details class="action-form"><summary class="button${style}">${action.label}</summary>${formToHtml(action.form, { ...options, idPrefix: `${options.idPrefix}-a${index}` })}</details>`;
  }
  return html`<form method="post" action="/console/chat/action" class="inline">
    ${csrfField(options.csrf)}
    <input type="hidden" name="back" value="${options.back}">
    <input type="hidden" name="action" value="${action.id}">
    <input type="hidden" name="label" value="${action.label}">
    <input type="hidden" name="value" value="${JSON.stringify(action.value)}">
    <button type="submit" class="button${style}">${action.label}</button>
  </form>`;
}

/**
 * A platform-neutral card as HTML, as Block Kit and Adaptive Cards render it
 * in Slack and Teams: title, text with **bold**, facts, quotes, sources
 * (policy, version, section, effective date), notes, and its buttons, which
 * post `action` events (or open their form, which posts a `form` event).
 * Every value is escaped.
 */
export function cardToHtml(card: Card, options: RenderOptions): SafeHtml {
  return html`<article class="card"${card.key ? html` data-key="${card.key}"` : ''} aria-label="${card.summary}">
  ${card.title && html`<h3>${card.title}</h3>`}
  ${card.generated && html`<p class="badge">AI-generated</p>`}
  ${card.body.map(elementToHtml)}
  ${card.actions.length > 0 && html`<div class="actions">${card.actions.map((action, index) => actionToHtml(action, options, index))}</div>`}
</article>`;
}
