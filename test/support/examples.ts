import { fileURLToPath } from 'node:url';
import { loadPolicyRoot } from '../../src/policies/load-policy-root.ts';
import { openDatabase, type Db } from '../../src/storage/open-database.ts';

/** The repository's own example handbooks: `examples/<tenant>/{directory.yml,policies/}`. */
export const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A fresh database (in memory unless a file is given) holding every example tenant, as `npm start` loads them. */
export async function loadExamples(file = ':memory:'): Promise<Db> {
  const db = openDatabase(file);
  const loads = await loadPolicyRoot(db, examplesDir);
  const problems = loads.flatMap((load) => load.report?.problems ?? []);
  if (problems.length > 0) throw new Error(`example policies refused: ${problems.map((p) => p.message).join('; ')}`);
  return db;
}
