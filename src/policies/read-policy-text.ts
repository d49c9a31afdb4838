import { readFileSync } from 'node:fs';
import { PolicyFileError } from '../errors.ts';

/** Byte-order marks Windows tools (Notepad, PowerShell's `Out-File`) write at the start of UTF-16 text. */
const utf16Marks = [
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

/** The 1-based line of the first bytes that are not UTF-8 (a newline byte is never part of a UTF-8 sequence). */
function firstBadLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/**
 * Reads a policy file (Markdown, or a Word document's YAML sidecar) as text:
 * UTF-8, with or without a byte-order mark, or UTF-16 with one. Anything else
 * is refused, naming the line: read leniently, a Latin-1 "café" would be
 * stored, and quoted to employees, as "caf\uFFFD".
 */
export function readPolicyText(file: string): string {
  const bytes = readFileSync(file);
  const utf16 = utf16Marks.find((mark) => mark.bytes.every((byte, index) => bytes[index] === byte));
  try {
    return new TextDecoder(utf16?.encoding ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const reason = utf16
      ? `not UTF-16 text, although it starts with a UTF-16 byte-order mark; save it as UTF-8`
      : `not UTF-8 text: line ${firstBadLine(bytes)} has bytes that are not UTF-8 (saved as Latin-1 or Windows-1252?); save it as UTF-8`;
    throw new PolicyFileError(file, undefined, reason, { cause: error });
  }
}
