import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.ts';

/** Writes `text` to `name` in a fresh temporary folder (removed after the test) and returns its path. */
export function writeRulesFile(name: string, text: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}
