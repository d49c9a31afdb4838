import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyFileError } from '../../src/errors.ts';
import { readPolicyText } from '../../src/policies/read-policy-text.ts';
import { tempDir } from '../support/temp-dir.ts';

const text = '---\nid: cafe\ntitle: "Café policy"\n---\n# Café\n\nThe café serves free coffee until 11am.\n';

/** Writes `bytes` as `cafe.md` in a fresh folder and returns its path. */
function writeBytes(bytes: Buffer): string {
  const file = join(tempDir(), 'cafe.md');
  writeFileSync(file, bytes);
  return file;
}

/** UTF-16 big-endian, which Node's Buffer does not encode: UTF-16LE with each pair of bytes swapped. */
function utf16be(value: string): Buffer {
  return Buffer.from(value, 'utf16le').swap16();
}

describe('reading a policy file as text', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(readPolicyText(writeBytes(Buffer.from(text)))).toBe(text);
    expect(readPolicyText(writeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toBe(text);
  });

  it('reads UTF-16 with a byte-order mark, as Windows tools write it', () => {
    expect(readPolicyText(writeBytes(Buffer.from(`\uFEFF${text}`, 'utf16le')))).toBe(text);
    expect(readPolicyText(writeBytes(utf16be(`\uFEFF${text}`)))).toBe(text);
  });

  it('refuses Latin-1, naming the file and the line, rather than keep "caf\uFFFD"', () => {
    const file = writeBytes(Buffer.from(text, 'latin1'));
    expect(() => readPolicyText(file)).toThrow(PolicyFileError);
    expect(() => readPolicyText(file)).toThrow(`${file}: not UTF-8 text: line 3 has bytes that are not UTF-8 (saved as Latin-1 or Windows-1252?); save it as UTF-8`);
  });

  it('refuses a file that starts with a UTF-16 byte-order mark but is not UTF-16', () => {
    const file = writeBytes(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
    expect(() => readPolicyText(file)).toThrow(/not UTF-16 text.*save it as UTF-8/);
  });
});
