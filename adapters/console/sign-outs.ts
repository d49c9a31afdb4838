import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { sessionHours } from './session.ts';

/**
 * Ends a browser's console session on the server: its browser id is
 * remembered until any session issued to it would have expired anyway, so
 * cookies copied before Sign out no longer open anything.
 */
export function recordSignOut(db: Db, tenant: string, sid: string, now: Date): void {
  statement(db, 'DELETE FROM console_sign_outs WHERE signed_out_at < ?').run(new Date(now.getTime() - sessionHours * 3_600_000).toISOString());
  statement(db, 'INSERT INTO console_sign_outs (tenant, sid, signed_out_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO NOTHING').run(tenant, sid, now.toISOString());
}

/** Whether the browser id signed out of the console. */
export function signedOut(db: Db, sid: string): boolean {
  return statement(db, 'SELECT 1 FROM console_sign_outs WHERE sid = ?').get(sid) !== undefined;
}
