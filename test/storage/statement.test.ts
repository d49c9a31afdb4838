import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { statement } from '../../src/storage/statement.ts';

describe('prepared statements', () => {
  it('are prepared once per connection and SQL text', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    expect(statement(a, 'SELECT 1 AS one')).toBe(statement(a, 'SELECT 1 AS one'));
    expect(statement(a, 'SELECT 1 AS one')).not.toBe(statement(b, 'SELECT 1 AS one'));
    expect(statement<[], { one: number }>(b, 'SELECT 1 AS one').get()).toEqual({ one: 1 });
  });
});
