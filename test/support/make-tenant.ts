import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveDirectory } from '../../src/directory/save-directory.ts';
import type { Directory } from '../../src/directory/directory-schema.ts';
import { ingestPolicies } from '../../src/policies/ingest-policies.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';

/**
 * A fresh database (in memory unless a file is given) with one tenant made of the given policy files
 * (name → Markdown with front-matter) and directory: the smallest world a
 * core test needs.
 */
export async function makeTenant(
  tenant: string,
  policies: Record<string, string>,
  directory: Directory,
  file = ':memory:',
): Promise<{ db: Db; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-test-'));
  mkdirSync(join(dir, 'policies'), { recursive: true });
  for (const [name, text] of Object.entries(policies)) writeFileSync(join(dir, 'policies', name), text);
  const db = openDatabase(file);
  saveDirectory(db, tenant, directory);
  const report = await ingestPolicies(db, tenant, join(dir, 'policies'));
  if (report.problems.length > 0) throw new Error(`fixture policies refused: ${report.problems.map((p) => p.message).join('; ')}`);
  return { db, dir };
}
