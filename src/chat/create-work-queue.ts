/**
 * Runs jobs one at a time (or `concurrency` at a time), yielding to the event
 * loop between them, so a burst of slow answers never keeps the server from
 * accepting connections and acknowledging Slack or Teams within their deadlines.
 */
export function createWorkQueue(concurrency = 1) {
  const waiting: (() => void)[] = [];
  let active = 0;
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      // setImmediate lets pending I/O (new requests, acks) run before the next job.
      setImmediate(next);
    }
  };
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          job().then(resolve, reject).finally(release);
        };
        if (active < concurrency) {
          active++;
          setImmediate(start);
        } else waiting.push(start);
      });
    },
    get pending(): number {
      return waiting.length + active;
    },
  };
}
