/** HTML that is already safe to write out: built by `html` (which escapes) or from a trusted constant. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is already
 * `SafeHtml`; arrays are rendered item by item, and `undefined`, `null` and
 * `false` render as nothing (for `${condition && html`...`}`). Every page is
 * built with it, so text from policies, people and the database is always
 * escaped.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup written by this code (an SVG it built with escaping), passed through as is. */
export const trusted = (markup: string) => new SafeHtml(markup);

/** Plain text with `**bold**`, the one markup cards use, as HTML; line breaks kept. */
export function inlineMarkup(text: string): SafeHtml {
  const parts = text.split(/\*\*(.+?)\*\*/gs);
  const out = parts.map((part, index) => (index % 2 === 1 ? `<strong>${escapeHtml(part)}</strong>` : escapeHtml(part))).join('');
  return new SafeHtml(out.replace(/\n/g, '<br>'));
}
