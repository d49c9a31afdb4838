import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';

const promptsDir = new URL('../../prompts/', import.meta.url);
const cache = new Map<string, string>();

/** Reads `prompts/NAME.md` once. */
export function loadPrompt(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    const file = fileURLToPath(new URL(`${name}.md`, promptsDir));
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`prompt "${name}" not found at ${file}`, { cause: error });
    }
    cache.set(name, text);
  }
  return text;
}

/** Fills `{{name}}` placeholders; a placeholder without a value is an error, not an empty string. */
export function renderPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new ConfigError(`prompt placeholder {{${key}}} has no value`);
    return value;
  });
}
