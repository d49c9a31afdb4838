import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/rules/parse-duration.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('parsing a duration', () => {
  it.each([
    ['30m', 30 * minute],
    ['8h', 8 * hour],
    ['2d', 2 * day],
    ['3d', 3 * day],
    ['1d12h', day + 12 * hour],
    ['1h30m', hour + 30 * minute],
    [' 2D ', 2 * day],
    ['1d 4h', day + 4 * hour],
    ['90m', 90 * minute],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '2', 'd', '2w', '2 days', '-1d', '1.5d', '0m', '0d0h', 'h2', '2d-3h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
