/** A job that reads the outbox in order (a notifier, a publisher): one run at a time, on demand and on a timer. */
export type SerialRunner = {
  /** One run, after any run already under way (so it sees newer events); resolves with what it did. */
  runOnce(): Promise<number>;
  /** Runs now, then every `intervalMs`; a failed run is reported and retried at the next tick. */
  start(intervalMs?: number): void;
  stop(): void;
};

/**
 * Serialises the runs of an outbox reader: a run asked for while another is
 * under way starts after it, never beside it, so events are told in order
 * and none twice; the timer keeps going after a failure.
 */
export function createSerialRunner(run: () => Promise<number>, onError: (error: unknown) => void): SerialRunner {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const runner: SerialRunner = {
    runOnce() {
      const next = chain.then(run);
      chain = next.catch(() => undefined);
      return next;
    },
    start(intervalMs = 2000) {
      const tick = () => void runner.runOnce().catch(onError);
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
  return runner;
}
