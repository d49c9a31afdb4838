/**
 * How long to wait before delivery round `attempt + 1` after `attempt`
 * failed: exponential backoff with full jitter (a random wait between 0 and
 * base × 2^(attempt-1), capped), so receivers coming back from an outage are
 * not hit by every sender at the same moment. `random` is injected for tests.
 */
export function retryDelayMs(attempt: number, options: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** A `Retry-After` header (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
