const entities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', middot: '·', bull: '•',
  copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§',
  times: '×', deg: '°', para: '¶', laquo: '«', raquo: '»', shy: '',
};

/** Decodes the HTML entities handbooks actually contain (named, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Removes template-engine tags (`{% page "/x" %}`, `{{ site.x }}`, `{% hint %}`) that static-site handbooks leave in, keeping the text between them. */
export function stripTemplateTags(text: string): string {
  // GitBook's links to other pages (`{% content-ref url="x.md" %}[x.md](x.md){% endcontent-ref %}`) go whole: their text is a file name.
  // Hugo's shortcodes (`{{% notice info %}}`, `{{< alert >}}`) next: inside them "{% ... %}" would leave "{}" behind.
  return text
    .replace(/\{%-?\s*content-ref\b[\s\S]*?\{%-?\s*endcontent-ref\s*-?%\}/g, '')
    .replace(/\{\{([%<])[\s\S]*?[%>]\}\}/g, '')
    .replace(/\{%-?[\s\S]*?-?%\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, '');
}

/** Drops HTML tags, keeping their text; line-level tags become spaces. */
export function stripTags(text: string): string {
  return text
    .replace(/<br\s*\/?>|<\/?(?:p|div|li|tr|td|th|h[1-6])\b[^>]*>/gi, ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '');
}

/**
 * Attribute lists of kramdown (Jekyll), Python-Markdown (MkDocs) and Pandoc:
 * `{#anchor}`, `{: .note}`, `{:target="_blank"}`, `{rel="nofollow"}`. They set
 * how a heading, link or paragraph renders; they are not words of it.
 */
const attributeList = /\{(?::[^{}\n]*|[#.][\w-][^{}\n]*|\s*[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+)(?:\s+[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}]+))*\s*)\}/g;

const escapeBase = 0xe000;

/**
 * Turns one block of inline Markdown into the plain text a person reads:
 * links keep their words, emphasis and code marks go, HTML and template tags
 * go, entities are decoded and white space is folded.
 */
export function cleanInline(markdown: string): string {
  // Backslash-escaped punctuation (\*, \_) is literal text: park it in the
  // private-use area so the emphasis rules below cannot consume it.
  let text = stripTemplateTags(markdown).replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_, char: string) => String.fromCharCode(escapeBase + char.charCodeAt(0)));
  // Attribute lists and footnote references ("25 days[^1]") are markup, not words.
  text = text.replace(attributeList, '').replace(/\[\^[^\]\s]+\]/g, '');
  // GitHub alert markers ("> [!NOTE]") label a block; they are not words of the policy.
  text = text.replace(/\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/gi, '');
  text = text.replace(/!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1');
  text = text.replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1');
  text = text.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  text = text.replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1');
  text = stripTags(text);
  text = text.replace(/`+([^`]+?)`+/g, '$1');
  text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  text = text.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2');
  text = text.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  text = text.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  // Stray emphasis marks left by unbalanced markup: "**Policy" or "Owner:**".
  text = text.replace(/(^|\s)\*\*+|\*\*+(?=\s|$)/g, '$1');
  // Emoji shortcodes (":white_check_mark:", ":+1:") render as pictures, not words.
  text = text.replace(/\s*(?<![^\s(])(?::(?:[+-]1|[a-z0-9_+-]*[a-z][a-z0-9_+-]*):)+(?=$|[\s).,;!?])/g, '');
  text = decodeEntities(text);
  return text
    .replace(/[\uE000-\uE07F]/g, (char) => String.fromCharCode(char.charCodeAt(0) - escapeBase))
    .replace(/\s+/g, ' ')
    .trim();
}
