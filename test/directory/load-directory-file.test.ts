import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDirectoryFile } from '../../src/directory/load-directory-file.ts';
import { DirectoryError } from '../../src/errors.ts';
import { examplesDir } from '../support/examples.ts';
import { tempDir } from '../support/temp-dir.ts';

function directoryFile(yaml: string): string {
  const file = join(tempDir(), 'directory.yml');
  writeFileSync(file, yaml);
  return file;
}

describe('reading a directory file', () => {
  it('reads the example directory with every documented field', () => {
    const directory = loadDirectoryFile(join(examplesDir, 'acme', 'directory.yml'));
    expect(directory.users.find((user) => user.id === 'amelia')).toEqual({
      id: 'amelia',
      name: 'Amelia Wright',
      email: 'amelia.wright@acme.example',
      slack_id: 'U0ACMEAMY',
      teams_id: '8d2f4a60-1e3b-4d7c-9f5a-6b7c8d9e0f12',
      department: 'sales',
      location: 'UK',
      roles: ['employee'],
      manager: 'nora',
    });
    expect(directory.groups.find((group) => group.id === 'investigations')).toEqual({
      id: 'investigations',
      name: 'Workplace investigations',
      members: ['sam', 'maya'],
      slack_channel: 'C0ACMEINV',
      teams_channel: '19:acme-investigations@thread.tacv2',
    });
  });

  it('normalises what people type: e-mail in lower case, numeric ids as text, blanks as absent, no roles as none', () => {
    const file = directoryFile('users:\n  - id: 1042\n    name: Ana\n    email: " Ana@Example.COM "\n    manager: ""\n    department:\n');
    expect(loadDirectoryFile(file).users).toEqual([{ id: '1042', name: 'Ana', email: 'ana@example.com', roles: [] }]);
  });

  it('accepts an empty file as an empty directory', () => {
    expect(loadDirectoryFile(directoryFile(''))).toEqual({ users: [], groups: [] });
  });

  it.each([
    ['a user without a name', 'users:\n  - id: ana\n', /directory\.yml: users\.0\.name: /],
    ['a user id twice', 'users:\n  - { id: ana, name: Ana }\n  - { id: ana, name: Ana Two }\n', /user id "ana" appears twice/],
    ['a group id twice', 'groups:\n  - { id: hr, name: HR }\n  - { id: hr, name: People }\n', /group id "hr" appears twice/],
    ['roles that are not a list', 'users:\n  - { id: ana, name: Ana, roles: admin }\n', /users\.0\.roles/],
    ['malformed YAML', 'users: [\n', /directory\.yml: /],
  ])('refuses %s, naming the file and the entry', (_, yaml, message) => {
    const file = directoryFile(yaml);
    const error = (() => {
      try {
        loadDirectoryFile(file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DirectoryError);
    expect((error as DirectoryError).code).toBe('directory_invalid');
    expect((error as Error).message).toMatch(message);
  });
});
