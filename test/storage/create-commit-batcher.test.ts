import { describe, expect, it } from 'vitest';
import { createCommitBatcher } from '../../src/storage/create-commit-batcher.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

describe('createCommitBatcher', () => {
  it('commits the writes of one turn together, and a write that throws is rolled back and rejected alone', async () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const commits = createCommitBatcher(db);
    const insert = (n: number) => () => db.prepare('INSERT INTO t (n) VALUES (?)').run(n).changes;
    const results = await Promise.allSettled([
      commits.run(insert(1)),
      commits.run(() => {
        db.prepare('INSERT INTO t (n) VALUES (2)').run();
        throw new Error('refused');
      }),
      commits.run(insert(3)),
      commits.run(insert(1)),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }]);
    db.close();
  });

  it('makes a batch of writes one transaction', async () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const commits = createCommitBatcher(db);
    const seen: boolean[] = [];
    await Promise.all([1, 2, 3].map((n) => commits.run(() => (seen.push(db.inTransaction), db.prepare('INSERT INTO t VALUES (?)').run(n)))));
    expect(seen).toEqual([true, true, true]);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 3 });
    db.close();
  });
});
