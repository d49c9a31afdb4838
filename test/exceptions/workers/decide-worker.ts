/**
 * A separate process hammering one request with decisions:
 *   decide-worker.ts DB_FILE REQUEST_ID ATTEMPTS ACTOR...
 * Prints one JSON line: how many attempts decided, and how many were told
 * the request was already decided.
 */
import { AlreadyDecidedError } from '../../../src/errors.ts';
import { decideException } from '../../../src/exceptions/decide-exception.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';

const [file, id, attempts, ...actors] = process.argv.slice(2);
const db = openDatabase(file!);
const tally = { decided: 0, alreadyDecided: 0, other: [] as string[] };
for (let attempt = 0; attempt < Number(attempts); attempt++) {
  const actor = actors[attempt % actors.length]!;
  try {
    const decision = attempt % 2 === 0 ? ({ action: 'approve' } as const) : ({ action: 'deny', reason: 'Not this time.' } as const);
    const result = decideException({ db }, { tenant: 'acme', requestId: Number(id), actor, decision });
    if (result.outcome === 'approved' || result.outcome === 'denied') tally.decided++;
  } catch (error) {
    if (error instanceof AlreadyDecidedError) tally.alreadyDecided++;
    else tally.other.push((error as Error).message);
  }
}
db.close();
process.stdout.write(`${JSON.stringify(tally)}\n`);
