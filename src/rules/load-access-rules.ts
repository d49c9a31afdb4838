import { accessRulesSchema, type AccessRules } from './access-rules-schema.ts';
import { parseRulesText } from './parse-rules-text.ts';
import { readRulesFile } from './read-rules-file.ts';

/**
 * Reads and validates a tenant's `access.yml` (docs/rules.md). Errors are
 * `RulesFileError`s naming the file and the field.
 */
export function loadAccessRules(file: string): AccessRules {
  return parseRulesText(readRulesFile(file), file, accessRulesSchema);
}
