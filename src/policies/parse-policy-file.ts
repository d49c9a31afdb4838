import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PolicyFileError } from '../errors.ts';
import { policyMetadataSchema, type PolicyMetadata } from './policy-metadata.ts';
import { splitFrontMatter } from './split-front-matter.ts';
import { splitSections, type Section } from './split-sections.ts';

export type ParsedPolicy = {
  file: string;
  metadata: PolicyMetadata;
  sections: Section[];
  /** sha256 of the title and section text: what may not change within one version. */
  textHash: string;
  /** sha256 of the metadata: may change within a version (retiring it, a new review date). */
  metadataHash: string;
};

/** Validates front-matter, naming the first bad field. */
export function parseMetadata(file: string, data: Record<string, unknown> | undefined, fallbackTitle: () => string | undefined): PolicyMetadata {
  if (!data) throw new PolicyFileError(file, undefined, 'no front-matter: a policy starts with --- and its id, title, version, effective and owner');
  const result = policyMetadataSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const message = issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue?.message ?? 'is invalid';
    throw new PolicyFileError(file, field, message);
  }
  const title = result.data.title ?? fallbackTitle();
  if (!title) throw new PolicyFileError(file, 'title', 'is required (and the text has no heading to take it from)');
  return { ...result.data, title };
}

/** Builds a parsed policy from Markdown text and already-validated metadata. */
export function buildPolicy(file: string, metadata: PolicyMetadata, markdown: string): ParsedPolicy {
  const sections = splitSections(markdown, metadata.title);
  if (sections.length === 0) throw new PolicyFileError(file, undefined, 'the policy has no text');
  const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const textHash = sha([metadata.title, sections]);
  const metadataHash = sha(metadata);
  return { file, metadata, sections, textHash, metadataHash };
}

function firstHeading(markdown: string): string | undefined {
  const sections = splitSections(markdown, '');
  return sections.find((section) => section.heading)?.heading ?? /^ {0,3}#{1,6}\s+(.+)$/m.exec(markdown)?.[1]?.trim();
}

/** Reads one Markdown policy file with YAML front-matter. */
export function parseMarkdownPolicy(file: string, text = readFileSync(file, 'utf8')): ParsedPolicy {
  let frontMatter;
  try {
    frontMatter = splitFrontMatter(text);
  } catch (error) {
    throw new PolicyFileError(file, 'front-matter', (error as Error).message.split('\n')[0] ?? 'invalid YAML', { cause: error });
  }
  const metadata = parseMetadata(file, frontMatter.data, () => firstHeading(frontMatter.body));
  return buildPolicy(file, metadata, frontMatter.body);
}
