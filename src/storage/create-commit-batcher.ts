import type { Db } from './open-database.ts';

type Pending = { run: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * Group commit: writes asked for during one turn of the event loop are made
 * in one transaction, so a burst of events pays for one durable commit
 * (one fsync with synchronous=FULL) instead of one each. Each write runs in
 * a savepoint of its own: one that throws is rolled back alone and rejects
 * alone. A write's promise resolves only once the whole batch is committed.
 */
export function createCommitBatcher(db: Db) {
  let pending: Pending[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = pending;
    pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: db.transaction(item.run)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return {
    /** Runs `write` in the next batch; resolves with its result once the batch is committed. */
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

export type CommitBatcher = ReturnType<typeof createCommitBatcher>;
