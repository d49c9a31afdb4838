import { readFileSync } from 'node:fs';
import { RulesFileError } from './rules-file-error.ts';

/** The text of a rules file; a missing or unreadable file is a `RulesFileError` naming it. */
export function readRulesFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulesFileError(file, undefined, `cannot be read: ${(error as Error).message}`, { cause: error });
  }
}
