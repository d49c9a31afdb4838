import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import mammoth from 'mammoth';
import { PolicyFileError } from '../errors.ts';
import { parseFrontMatterYaml } from './parse-front-matter-yaml.ts';
import { buildPolicy, parseMetadata, type ParsedPolicy } from './parse-policy-file.ts';
import { readPolicyText } from './read-policy-text.ts';

/** The YAML sidecar that carries a Word document's front-matter: `travel.docx` → `travel.yml`. */
export function sidecarPath(file: string): string {
  return file.replace(/\.docx$/i, '.yml');
}

/**
 * Turns the HTML mammoth produces into the Markdown our section splitter
 * reads: headings become `#`, paragraphs and list items their own blocks,
 * tables stay HTML (the splitter labels their rows).
 */
export function docxHtmlToMarkdown(html: string): string {
  return html
    .replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi, (_, level: string, text: string) => `\n\n${'#'.repeat(Number(level))} ${text.replace(/\s+/g, ' ')}\n\n`)
    .replace(/<table\b[\s\S]*?<\/table>/gi, (table) => `\n\n${table.replace(/\n/g, ' ').replace(/<tr\b/gi, '\n<tr')}\n\n`)
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|li|ul|ol)>/gi, '\n\n')
    .replace(/<p\b[^>]*>/gi, '\n\n');
}

/** Reads a Word policy and its sidecar `NAME.yml` front-matter. */
export async function parseDocxPolicy(file: string): Promise<ParsedPolicy> {
  const sidecar = sidecarPath(file);
  if (!existsSync(sidecar)) throw new PolicyFileError(file, 'front-matter', `a Word policy needs its front-matter in ${basename(sidecar)}, next to it`);
  const yaml = readPolicyText(sidecar);
  let data: unknown;
  try {
    data = parseFrontMatterYaml(yaml);
  } catch (error) {
    throw new PolicyFileError(sidecar, 'front-matter', (error as Error).message, { cause: error });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PolicyFileError(sidecar, 'front-matter', 'is not a mapping of keys to values');
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ path: file })).value;
  } catch (error) {
    throw new PolicyFileError(file, undefined, `not a readable Word document (${(error as Error).message})`, { cause: error });
  }
  const markdown = docxHtmlToMarkdown(html);
  const metadata = parseMetadata(file, data as Record<string, unknown>, () => /^#{1,6} (.+)$/m.exec(markdown)?.[1]?.trim());
  return buildPolicy(file, metadata, markdown, readFileSync(file));
}
