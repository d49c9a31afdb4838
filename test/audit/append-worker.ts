// Run as a separate process by concurrent-append.test.ts: opens FILE, says
// "ready", waits for the file GO to exist, then appends COUNT events as WHO.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import { openDatabase } from '../../src/storage/open-database.ts';

const [file, go, who, count] = process.argv.slice(2);
if (!file || !go || !who || !count) throw new Error('usage: append-worker.ts FILE GO WHO COUNT');
const db = openDatabase(file);
process.stdout.write('ready\n');
while (!existsSync(go)) await sleep(5);
for (let i = 0; i < Number(count); i++) {
  appendAuditEvent(db, { tenant: 'acme', type: 'config.changed', actor: who, data: { i }, at: new Date().toISOString() });
  // Like a service between requests: gives the other process its turn.
  if (i % 3 === 0) await sleep(1);
}
db.close();
