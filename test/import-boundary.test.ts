import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const srcDir = join(root, 'src');
const adaptersDir = join(root, 'adapters');

/** Platform SDKs that only adapters may use. */
const platformSdks = [/^@slack\/(bolt|web-api)(\/|$)/, /^botbuilder(-[\w-]+)?(\/|$)/];

/** Files under src/ allowed to wire adapters in: the composition root, and only it. */
const compositionRoots = new Set<string>(['src/main.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, dynamic import() and require(). */
export function importedSpecifiers(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((match) => match[1]!));
}

describe('the import boundary', () => {
  it('the scanner sees every form of import', () => {
    const code = [
      "import { App } from '@slack/bolt';",
      "import type { TurnContext } from 'botbuilder';",
      "import * as teams from 'botbuilder-core';",
      "export { x } from '../adapters/slack/x.ts';",
      "import '../adapters/side-effect.ts';",
      "const m = await import('../../adapters/teams/y.ts');",
      "const r = require('@slack/bolt/dist/x');",
      "// import { ignored } from 'botbuilder';",
    ].join('\n');
    expect(importedSpecifiers(code)).toEqual([
      '@slack/bolt',
      'botbuilder',
      'botbuilder-core',
      '../adapters/slack/x.ts',
      '../adapters/side-effect.ts',
      '../../adapters/teams/y.ts',
      '@slack/bolt/dist/x',
    ]);
  });

  it('no file under src/ imports a platform SDK or anything under adapters/', () => {
    const files = sourceFiles(srcDir);
    expect(files.length).toBeGreaterThan(10);
    const violations = files
      .filter((file) => !compositionRoots.has(relative(root, file)))
      .flatMap((file) =>
        importedSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => {
            if (platformSdks.some((sdk) => sdk.test(specifier))) return true;
            if (!specifier.startsWith('.')) return false;
            const target = resolve(dirname(file), specifier);
            return target === adaptersDir || target.startsWith(`${adaptersDir}/`);
          })
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
    expect(violations).toEqual([]);
  });
});
