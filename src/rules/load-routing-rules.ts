import { parseRulesText } from './parse-rules-text.ts';
import { readRulesFile } from './read-rules-file.ts';
import { routingRulesSchema, type RoutingRules } from './routing-rules-schema.ts';

/**
 * Reads and validates a tenant's `routing.yml` (docs/rules.md). Errors are
 * `RulesFileError`s naming the file and the field. Group ids are checked
 * against a directory separately (`validateRoutingAgainstDirectory`).
 */
export function loadRoutingRules(file: string): RoutingRules {
  return parseRulesText(readRulesFile(file), file, routingRulesSchema);
}
