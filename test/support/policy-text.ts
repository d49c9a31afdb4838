import { stringify } from 'yaml';

/** The front-matter every valid fixture needs; tests override or drop fields. */
export const baseMetadata = {
  id: 'travel',
  title: 'Travel policy',
  version: '4.2',
  effective: '2025-03-01',
  owner: 'finance',
} as const;

/**
 * A policy file as a customer writes it: YAML front-matter and a Markdown body.
 * Fields set to `undefined` are left out, to test missing ones.
 */
export function policyText(metadata: Record<string, unknown>, body = '# Travel policy\n\n## Lodging\n\nThe hotel limit is $250 per night.\n'): string {
  const present = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
  return `---\n${stringify(present)}---\n\n${body}`;
}
