/**
 * A separate process that opens and approves requests in a loop, printing
 * "ACK <id>" only after each approval has committed, until it is killed:
 *   burst-worker.ts DB_FILE VERSION_ID SECTION_ID
 */
import { decideException } from '../../../src/exceptions/decide-exception.ts';
import { requestException } from '../../../src/exceptions/request-exception.ts';
import { openDatabase } from '../../../src/storage/open-database.ts';

const [file, versionId, sectionId] = process.argv.slice(2);
const db = openDatabase(file!);
for (;;) {
  const request = requestException({ db }, {
    tenant: 'acme',
    requester: 'ana',
    versionId: Number(versionId),
    sectionId: Number(sectionId),
    justification: 'Burst of requests to test crash safety.',
  });
  decideException({ db }, { tenant: 'acme', requestId: request.id, actor: 'dev', decision: { action: 'approve' } });
  process.stdout.write(`ACK ${request.id}\n`);
}
