import { UsageError } from '../errors.ts';

/**
 * An ISO 8601 time in UTC as `toISOString` writes it, the form audit events
 * store, so times compare correctly as text. A date alone is midnight UTC.
 * Throws a UsageError naming `what` when `value` is not a time.
 */
export function normalizeAuditTime(value: string, what = 'time'): string {
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new UsageError(`${what} is not an ISO 8601 time: ${JSON.stringify(value)}`);
  return time.toISOString();
}
