import type { Writable } from 'node:stream';

/**
 * A one-line progress bar on a terminal ("ingest [#####-----] 50/100 files");
 * silent when the output is not a terminal, so logs and pipes stay clean.
 */
export function createProgressBar(out: Writable & { isTTY?: boolean }, label: string) {
  let lastDrawn = -1;
  return {
    update(done: number, total: number) {
      if (!out.isTTY || total < 20) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      if (filled === lastDrawn && done !== total) return;
      lastDrawn = filled;
      out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
      if (done === total) out.write('\n');
    },
  };
}
