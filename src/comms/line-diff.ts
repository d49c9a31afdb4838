import { createTwoFilesPatch } from 'diff';

/** A unified line diff between two versions of a draft ("version 1" → "version 2"), without the file headers' noise. */
export function lineDiff(before: string, after: string, from: number, to: number): string {
  return createTwoFilesPatch(`version ${from}`, `version ${to}`, `${before.trimEnd()}\n`, `${after.trimEnd()}\n`, undefined, undefined, { context: 2 })
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .join('\n')
    .trimEnd();
}
