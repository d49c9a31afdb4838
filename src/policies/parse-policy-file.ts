import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { PolicyFileError } from '../errors.ts';
import { policyMetadataSchema, type PolicyMetadata } from './policy-metadata.ts';
import { readPolicyText } from './read-policy-text.ts';
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
  /**
   * sha256 of the policy text as the author wrote it (the Markdown body, or
   * the Word document): tells an edited file from a parser that now reads
   * the same file better.
   */
  sourceHash: string;
};

/** The value at a zod issue's path in the front-matter (undefined when absent). */
function valueAt(data: Record<string, unknown>, path: PropertyKey[]): unknown {
  let value: unknown = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * A message for the first front-matter problem. Most fields accept several
 * YAML types (a version may be written `4` or "4.2"), so zod reports a missing
 * field as a failed union rather than `invalid_type`: check the value itself.
 */
function describeIssue(data: Record<string, unknown>, issue: z.core.$ZodIssue): string {
  const value = valueAt(data, issue.path);
  if (value === undefined || value === null) return 'is required';
  if (issue.code === 'invalid_union' || issue.code === 'invalid_type') {
    const type = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
    return `has the wrong type: got ${type}`;
  }
  return issue.message;
}

/** Validates front-matter, naming the first bad field. */
export function parseMetadata(file: string, data: Record<string, unknown> | undefined, fallbackTitle: () => string | undefined): PolicyMetadata {
  if (!data) throw new PolicyFileError(file, undefined, 'no front-matter: a policy starts with --- and its id, title, version, effective and owner');
  const result = policyMetadataSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new PolicyFileError(file, field, issue ? describeIssue(data, issue) : 'is invalid');
  }
  const title = result.data.title ?? fallbackTitle();
  if (!title) throw new PolicyFileError(file, 'title', 'is required (and the text has no heading to take it from)');
  return { ...result.data, title };
}

/** Builds a parsed policy from Markdown text and already-validated metadata. */
export function buildPolicy(file: string, metadata: PolicyMetadata, markdown: string, source: string | Buffer = markdown): ParsedPolicy {
  const sections = splitSections(markdown, metadata.title);
  if (sections.length === 0) throw new PolicyFileError(file, undefined, 'the policy has no text');
  const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  const textHash = sha([metadata.title, sections]);
  const metadataHash = sha(metadata);
  const sourceHash = createHash('sha256').update(source).digest('hex');
  return { file, metadata, sections, textHash, metadataHash, sourceHash };
}

/**
 * The first heading of the text. A heading with no text of its own ("# Office
 * supplies" directly above "## Pens") makes no section, but it heads the
 * path of the first one that has text.
 */
function firstHeading(markdown: string): string | undefined {
  const first = splitSections(markdown, '').find((section) => section.heading);
  return first?.path[0] ?? first?.heading ?? /^ {0,3}#{1,6}\s+(.+)$/m.exec(markdown)?.[1]?.trim();
}

/** Reads one Markdown policy file with YAML front-matter. */
export function parseMarkdownPolicy(file: string, text = readPolicyText(file)): ParsedPolicy {
  let frontMatter;
  try {
    frontMatter = splitFrontMatter(text);
  } catch (error) {
    throw new PolicyFileError(file, 'front-matter', (error as Error).message, { cause: error });
  }
  const metadata = parseMetadata(file, frontMatter.data, () => firstHeading(frontMatter.body));
  return buildPolicy(file, metadata, frontMatter.body);
}
