import type { Db } from '../storage/open-database.ts';
import { sendFreshnessReports, type FreshnessSchedule, type SentReport } from './send-freshness-reports.ts';

/**
 * Checks for freshness reports to send at start and then every `intervalMs`
 * (an hour by default): what is due is decided by the rows in
 * `freshness_reports`, not by this timer, so a restart at any moment
 * neither skips nor repeats a day's report.
 */
export function startFreshnessSchedule(
  deps: FreshnessSchedule & { db: Db; now?: () => Date; onSent?: (reports: SentReport[]) => void; onError?: (error: unknown) => void },
  intervalMs = 3_600_000,
): { stop(): void } {
  const tick = () => {
    try {
      const sent = sendFreshnessReports(deps.db, { now: (deps.now ?? (() => new Date()))(), withinDays: deps.withinDays, repeatDays: deps.repeatDays });
      if (sent.length > 0) deps.onSent?.(sent);
    } catch (error) {
      deps.onError?.(error);
    }
  };
  tick();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return { stop: () => clearInterval(handle) };
}
