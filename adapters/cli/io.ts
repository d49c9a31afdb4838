import type { Readable, Writable } from 'node:stream';

/** What the command line reads and writes: injected so tests drive it without a process. */
export type CliIo = {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
};
