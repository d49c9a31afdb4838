import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { RulesFileError } from './rules-file-error.ts';

/** `["allow", 2, "action"]` → `allow[2].action`. */
function fieldName(path: readonly PropertyKey[]): string | undefined {
  let field = '';
  for (const part of path) field += typeof part === 'number' ? `[${part}]` : `${field ? '.' : ''}${String(part)}`;
  return field || undefined;
}

/** zod's wording, made to read as a sentence about one field of a file. */
function describe(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'unrecognized_keys') {
    return { path: [...issue.path, issue.keys[0]!], message: 'is not a known key (check the spelling in docs/rules.md)' };
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return { path: issue.path, message: 'is required' };
  return { path: issue.path, message: issue.message };
}

/**
 * Parses the YAML text of a rules file and validates it with `schema`. The
 * error names the file and the field (`access.yml (allow[2].action): ...`).
 */
export function parseRulesText<T extends z.ZodType>(text: string, file: string, schema: T): z.output<T> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new RulesFileError(file, undefined, `not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new RulesFileError(file, undefined, 'must be a YAML mapping (version: ..., and the rules)');
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) {
    const { path, message } = describe(result.error.issues[0]!);
    throw new RulesFileError(file, fieldName(path), message);
  }
  return result.data;
}
