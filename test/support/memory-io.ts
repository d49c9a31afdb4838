import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../adapters/cli/io.ts';

/** A writable stream that keeps what was written, for asserting on CLI output. */
export class MemoryStream extends Writable {
  chunks: string[] = [];
  isTTY = false;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** Each non-empty line parsed as JSON. */
  jsonLines(): unknown[] {
    return this.text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
  }
}

/** Standard streams for `runCli`, with `stdin` fed from `input` and no inherited environment. */
export function memoryIo(input = '', env: Record<string, string | undefined> = {}): CliIo & { stdout: MemoryStream; stderr: MemoryStream } {
  return { stdin: Readable.from([input]), stdout: new MemoryStream(), stderr: new MemoryStream(), env };
}
