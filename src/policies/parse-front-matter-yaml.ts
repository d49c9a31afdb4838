import { isMap, isScalar, parseDocument } from 'yaml';

/**
 * Parses the YAML of a policy's front-matter (a Markdown file's, or a Word
 * document's sidecar). `version` is kept as written: YAML reads `version: 1.10`
 * as the number 1.1, which would then be cited, and compared, as another
 * version. A syntax error is thrown with the parser's own sentence, on one
 * line and complete ("Missing closing "quote at line 3, column 17"), without
 * the excerpt of the file it prints below it.
 */
export function parseFrontMatterYaml(yaml: string): unknown {
  const document = parseDocument(yaml, { schema: 'core' });
  const [error] = document.errors;
  if (error) throw new Error((error.message.split('\n')[0] ?? '').replace(/:$/, ''), { cause: error });
  const data: unknown = document.toJS();
  const version = isMap(document.contents) ? document.contents.get('version', true) : undefined;
  if (isScalar(version) && typeof version.value === 'number' && version.source !== undefined) {
    (data as Record<string, unknown>).version = version.source;
  }
  return data;
}
