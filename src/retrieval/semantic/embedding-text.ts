/** Long enough for any policy section worth retrieving, short enough for every common embeddings model's input limit. */
const maxChars = 8000;

/** What is embedded for a section: its context line (title › headings), a newline and its body, cut to `maxChars`. */
export function embeddingText(context: string, body: string): string {
  const text = `${context}\n${body}`;
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Never end on half a surrogate pair: a lone surrogate is not valid UTF-8 and servers refuse it.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
