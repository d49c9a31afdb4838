import { parseFrontMatterYaml } from './parse-front-matter-yaml.ts';

export type FrontMatter = { data: Record<string, unknown> | undefined; body: string; bodyStartLine: number };

const opening = /^\uFEFF?---[ \t]*\r?\n/;

/**
 * Separates YAML front-matter (`---` ... `---`) from the Markdown body.
 * Throws the YAML parser's error, with its line in the file, when the block is malformed.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const open = opening.exec(text);
  if (!open) return { data: undefined, body: text.replace(/^\uFEFF/, ''), bodyStartLine: 1 };
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) throw new Error('front-matter starts with --- but never closes');
  const yaml = rest.slice(0, close.index);
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  // A blank line in place of the opening `---`, so the parser's line numbers are the file's.
  const parsed: unknown = parseFrontMatterYaml(`\n${yaml}`) ?? {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('front-matter is not a mapping of keys to values');
  const bodyStartLine = text.slice(0, text.length - afterClose.length).split('\n').length;
  return { data: parsed as Record<string, unknown>, body: afterClose, bodyStartLine };
}
