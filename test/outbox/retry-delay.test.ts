import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../../src/outbox/retry-delay.ts';

describe('the retry delay', () => {
  it('doubles its ceiling each attempt from the base, with full jitter, up to the cap', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    const highest = () => 0.999999;
    expect([1, 2, 3, 4, 5, 10, 2000].map((attempt) => retryDelayMs(attempt, { ...options, random: highest }))).toEqual([999, 1999, 3999, 7999, 9999, 9999, 9999]);
    expect(retryDelayMs(3, { ...options, random: () => 0.5 })).toBe(2000);
    expect(retryDelayMs(3, { ...options, random: () => 0 })).toBe(0);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-03-01T09:00:00.000Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
