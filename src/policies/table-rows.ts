import { cleanInline } from './clean-inline.ts';

/**
 * Writes each table row as one line a reader (and the retriever) can use on
 * its own: "Header: value; Header: value". Rows without a header row are
 * joined with "; ".
 */
export function labelRows(header: string[] | undefined, rows: string[][]): string[] {
  return rows
    .map((cells) => {
      const parts = cells.map((cell, index) => {
        const label = header?.[index];
        if (!cell) return '';
        return label && label !== cell ? `${label}: ${cell}` : cell;
      });
      return parts.filter(Boolean).join('; ');
    })
    .filter((line) => line.length > 0);
}

/** An HTML `<table>` as labelled lines. The first row is a header when its cells are `<th>` or all bold. */
export function htmlTableToLines(html: string): string[] {
  const rows: { cells: string[]; looksLikeHeader: boolean }[] = [];
  for (const rowMatch of html.matchAll(/<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/table>|$)/gi)) {
    const rowHtml = rowMatch[1] ?? '';
    const cellMatches = [...rowHtml.matchAll(/<(td|th)\b[^>]*>([\s\S]*?)(?=<t[dh]\b|<\/tr>|$)/gi)];
    if (cellMatches.length === 0) continue;
    const cells = cellMatches.map((cell) => cleanInline((cell[2] ?? '').replace(/<\/t[dh]>/gi, '')));
    // A bold cell may be wrapped in a paragraph, as Word (through mammoth) writes it: <td><p><strong>…</strong></p></td>.
    const looksLikeHeader = cellMatches.every(
      (cell) =>
        cell[1]?.toLowerCase() === 'th' ||
        /^\s*<(strong|b)\b[\s\S]*<\/\1>\s*$/i.test((cell[2] ?? '').replace(/<\/?p\b[^>]*>|<\/t[dh]>/gi, '')),
    );
    rows.push({ cells, looksLikeHeader });
  }
  const [first, ...rest] = rows;
  if (!first) return [];
  if (first.looksLikeHeader && rest.length > 0) return labelRows(first.cells, rest.map((row) => row.cells));
  return labelRows(undefined, rows.map((row) => row.cells));
}

/** Splits a Markdown pipe-table row into its cells. */
export function pipeCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cleanInline(cell));
}

export const pipeSeparator = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
