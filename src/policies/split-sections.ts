import { cleanInline, stripTemplateTags } from './clean-inline.ts';
import { htmlTableToLines, labelRows, pipeCells, pipeSeparator } from './table-rows.ts';

/** One section of a policy: its heading, the headings above it, and its text as blocks. */
export type Section = {
  heading: string;
  /** Headings above this one, outermost first. */
  path: string[];
  /** Paragraphs, list items and table rows, each as one line of plain text. */
  blocks: string[];
};

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/**
 * "#Holidays", "##Scope.": a heading written without the space CommonMark
 * asks for. Python-Markdown (MkDocs) renders it as a heading, and handbooks
 * published with it are written so. Taken as one only where a block may
 * start and when it begins with a capital: "#general" at the start of a
 * wrapped line is a Slack channel, and "#1 rule: ..." a ranking.
 */
const unspacedHeading = /^ {0,3}(#{1,6})(\p{Lu}.*?)(?:[ \t]+#+)?[ \t]*$/u;
/** `<h2 id="sick-pay">Sick pay</h2>`: an HTML heading on a line of its own (handbooks write them to fix an anchor). */
const htmlHeading = /^ {0,3}<h([1-6])(?:\s[^>]*)?>(.*?)<\/h\1>\s*$/i;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const listItem = /^(\s*)(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$/;
/** "*[Program](url) to ...": a bullet whose writer left out the space; it renders as a stray "*", but the writer meant a list (not "*[emphasis](url)*"). */
const unspacedLinkItem = /^(\s*)[*-](\[.*[^*_\s])\s*$/;
/** Links within the page ("→ [jump down to the checklist](#checklist)", a table of contents): navigation, not policy text. */
const inPageLinks = /\[[^\]]*\]\(#[^)]*\)/g;
const isNavigation = (raw: string) => raw.search(inPageLinks) >= 0 && raw.replace(inPageLinks, '').replace(/[\s\p{P}\p{S}]/gu, '') === '';
/** A footnote ("[^1]: Pro rata for part-time staff."): policy text, kept without its label. */
const footnoteDefinition = /^ {0,3}\[\^[^\]]+\]:\s*(.*)$/;
/**
 * The first line of an admonition or a content tab (MkDocs: `!!! note "Before
 * you book"`, `???+ tip`, `=== "UK"`; Docusaurus: `:::info Carry over`,
 * `:::note[Title]`) and Docusaurus's closing `:::`: markup around policy
 * text, whose title (if any) is kept as the start of it.
 */
const containerMarker = /^ {0,3}(?:(?:!!!|\?\?\?\+?)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)*(?:\s+"([^"]*)")?|===\+?\s+"([^"]*)"|:::+\s*(?:[a-z][\w-]*)?(?:\[([^\]]*)\]|\s+(.+?))?)\s*$/;
/**
 * A table of contents the renderer builds (`[[_TOC_]]` in GitLab, `[TOC]` in
 * Python-Markdown, kramdown's `* TOC` over `{:toc}`): navigation, not words of the policy.
 */
const tocMarker = /^\s*(?:\[\[_TOC_\]\]|\[TOC\])\s*$/i;
const kramdownTocItem = /^\s*(?:[-*+]|1\.)\s+(?:TOC|Table of contents)\s*$/i;
const kramdownTocMarker = /^\s*\{:\s*\.?toc\s*\}\s*$/i;
/** MDX (Docusaurus) statements on a line of their own: `import Tabs from '@theme/Tabs';`, `export const x = ...`. Code, not text. */
const mdxStatement = /^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"];?|export\s+(?:const|let|default|function)\s.*)\s*$/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const referenceDefinition = /^ {0,3}\[[^\]]+\]:\s*\S+/;

/** The level and text of a heading line (`# Title`, `#Title` where a block may start, `<h2>Title</h2>`), or undefined. */
function headingOf(line: string, blockStart: boolean): { level: number; text: string } | undefined {
  const atx = atxHeading.exec(line) ?? (blockStart ? unspacedHeading.exec(line) : null);
  if (atx) return atx[2]?.trim() ? { level: atx[1]!.length, text: atx[2] } : undefined;
  const html = htmlHeading.exec(line);
  return html?.[2]?.trim() ? { level: Number(html[1]), text: html[2] } : undefined;
}

/**
 * Splits a Markdown policy body into sections at its headings, with clean
 * text per section. Handles what real handbooks contain: HTML and pipe tables
 * (rows become "Header: value" lines), hard-wrapped paragraphs, nested lists,
 * headings in HTML or without their space, footnotes, admonitions, template
 * tags and shortcodes, MDX statements, HTML comments and stray markup; links
 * within the page and tables of contents (navigation) are dropped. Text
 * before the first heading belongs to a section named after the policy title.
 */
export function splitSections(markdown: string, title: string): Section[] {
  const lines = stripTemplateTags(markdown.replace(/<!--[\s\S]*?-->/g, '')).replace(/\r\n?/g, '\n').split('\n');
  const sections: Section[] = [];
  const stack: { level: number; heading: string }[] = [];
  let current: Section = { heading: title, path: [], blocks: [] };
  let paragraph: string[] = [];
  let item: string[] | undefined;
  /**
   * The list items the current one may be nested in, innermost last. An item
   * ending with a colon ("**Brazil:**") labels the items nested under it
   * ("Amount: R$200 per month"), as a table's header labels its cells: each
   * nested item is read with its label ("Brazil: Amount: R$200 per month").
   * A lead-in sentence labels them too: an item read without "In case of
   * exception, and solely in situations of extreme urgency, follow the
   * procedure below:" loses its condition.
   */
  let openItems: { indent: number; lines: string[] }[] = [];

  const flushParagraph = () => {
    if (paragraph.length > 0) pushBlock(paragraph.join(' '));
    paragraph = [];
  };
  const flushItem = () => {
    if (item) pushBlock(item.join(' '));
    item = undefined;
  };
  const flush = () => {
    flushParagraph();
    flushItem();
  };
  const pushBlock = (raw: string) => {
    if (isNavigation(raw)) return;
    const text = cleanInline(raw);
    if (text) current.blocks.push(text);
  };
  const startSection = (level: number, rawHeading: string) => {
    flush();
    openItems = [];
    if (current.blocks.length > 0) sections.push(current);
    const heading = cleanInline(rawHeading) || title;
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
    current = { heading, path: stack.map((entry) => entry.heading), blocks: [] };
    stack.push({ level, heading });
  };

  for (let index = 0; index < lines.length; index++) {
    // A backslash ending a line is a hard line break (CommonMark), not a character of the text.
    const line = (lines[index] ?? '').replace(/(?<!\\)\\$/, '');

    const fence = fenceOpen.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      for (index++; index < lines.length && !(lines[index] ?? '').trimStart().startsWith(marker); index++) {
        code.push((lines[index] ?? '').trim());
      }
      const text = code.filter(Boolean).join(' ');
      if (text) current.blocks.push(text);
      continue;
    }

    if (/^\s*<table\b/i.test(line)) {
      flush();
      const html: string[] = [line];
      while (!/<\/table>/i.test(html.at(-1) ?? '') && index + 1 < lines.length) html.push(lines[++index] ?? '');
      current.blocks.push(...htmlTableToLines(html.join('\n')));
      continue;
    }

    const blockStart = paragraph.length === 0 && !item;
    if (tocMarker.test(line) || (blockStart && mdxStatement.test(line))) {
      flush();
      continue;
    }
    if (kramdownTocItem.test(line) && kramdownTocMarker.test(lines[index + 1] ?? '')) {
      flush();
      index++;
      continue;
    }

    const heading = headingOf(line, blockStart);
    if (heading) {
      startSection(heading.level, heading.text);
      continue;
    }

    // Setext headings: a paragraph line underlined with === or ---.
    const next = lines[index + 1] ?? '';
    if (blockStart && line.trim() && !listItem.test(line) && /^ {0,3}(=+|-+)[ \t]*$/.test(next)) {
      startSection(next.trim().startsWith('=') ? 1 : 2, line.trim());
      index++;
      continue;
    }

    if (line.includes('|') && pipeSeparator.test(next) && !pipeSeparator.test(line)) {
      flush();
      const header = pipeCells(line);
      const rows: string[][] = [];
      for (index += 2; index < lines.length && (lines[index] ?? '').includes('|') && (lines[index] ?? '').trim(); index++) {
        rows.push(pipeCells(lines[index] ?? ''));
      }
      index--;
      current.blocks.push(...labelRows(header, rows));
      continue;
    }

    const container = containerMarker.exec(line);
    if (container) {
      flush();
      const title = (container[1] ?? container[2] ?? container[3] ?? container[4] ?? '').trim();
      if (title) paragraph.push(/[.:?!]$/.test(title) ? title : `${title}:`);
      continue;
    }
    const footnote = footnoteDefinition.exec(line);
    if (footnote) {
      flush();
      paragraph.push((footnote[1] ?? '').trim());
      continue;
    }

    if (!line.trim() || thematicBreak.test(line) || referenceDefinition.test(line)) {
      flush();
      continue;
    }

    const unquoted = line.replace(/^\s*(>\s?)+/, '');
    const itemMatch = listItem.exec(unquoted) ?? unspacedLinkItem.exec(unquoted);
    if (itemMatch) {
      flush();
      const indent = (itemMatch[1] ?? '').length;
      while ((openItems.at(-1)?.indent ?? -1) >= indent) openItems.pop();
      const parent = openItems.at(-1)?.lines.join(' ') ?? '';
      const label = /:[*_]*\s*$/.test(parent) ? parent : undefined;
      // The label on its own says nothing its first item does not now say.
      if (label && current.blocks.at(-1) === cleanInline(label)) current.blocks.pop();
      item = [label ? `${label} ${itemMatch[2] ?? ''}` : (itemMatch[2] ?? '')];
      openItems.push({ indent, lines: item });
      continue;
    }
    if (item) item.push(unquoted.trim());
    else {
      openItems = [];
      paragraph.push(unquoted.trim());
    }
  }
  flush();
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/** GitHub-style heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
