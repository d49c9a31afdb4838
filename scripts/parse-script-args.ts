import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A script's command line, read with `parseArgs`: `--help` prints the usage
 * and exits 0; an unknown option or a missing value prints what is wrong and
 * the usage, and exits 2, rather than a stack trace.
 */
export function parseScriptArgs<Options extends NonNullable<ParseArgsConfig['options']>>(script: string, usage: string, options: Options) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, strict: true, allowPositionals: false });
  } catch (error) {
    console.error(`${script}: ${(error as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}
