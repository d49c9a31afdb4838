import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../adapters/cli/progress-bar.ts';
import { MemoryStream } from '../support/memory-io.ts';

describe('the ingest progress bar', () => {
  it('draws on a terminal, redrawing only when the bar moves, and ends the line when done', () => {
    const out = Object.assign(new MemoryStream(), { isTTY: true });
    const bar = createProgressBar(out, 'ingest acme');
    for (let done = 1; done <= 40; done++) bar.update(done, 40);
    expect(out.chunks.length).toBeLessThanOrEqual(32);
    expect(out.text.endsWith('\ringest acme [##############################] 40/40 files\n')).toBe(true);
  });

  it('stays silent in a pipe or a log, and for a handful of files', () => {
    const pipe = new MemoryStream();
    createProgressBar(pipe, 'ingest').update(40, 40);
    const terminal = Object.assign(new MemoryStream(), { isTTY: true });
    createProgressBar(terminal, 'ingest').update(5, 5);
    expect(pipe.text + terminal.text).toBe('');
  });
});
