import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The version in policy-desk's package.json, which `policy-desk --version` prints. */
export function packageVersion(file = new URL('../../package.json', import.meta.url)): string {
  return z.object({ version: z.string() }).parse(JSON.parse(readFileSync(file, 'utf8'))).version;
}
