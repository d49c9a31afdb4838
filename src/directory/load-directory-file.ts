import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DirectoryError } from '../errors.ts';
import { directorySchema, type Directory } from './directory-schema.ts';

/** Reads and validates a directory YAML file; errors name the file and the bad entry. */
export function loadDirectoryFile(file: string): Directory {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DirectoryError(`${file}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const result = directorySchema.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DirectoryError(`${file}: ${issue?.path.join('.') || 'directory'}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const user of result.data.users) {
    if (seen.has(user.id)) throw new DirectoryError(`${file}: user id "${user.id}" appears twice`);
    seen.add(user.id);
  }
  const groupIds = new Set<string>();
  for (const group of result.data.groups) {
    if (groupIds.has(group.id)) throw new DirectoryError(`${file}: group id "${group.id}" appears twice`);
    groupIds.add(group.id);
  }
  return result.data;
}
