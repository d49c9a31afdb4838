import { once } from 'node:events';
import { exportAuditEvents } from '../../src/audit/export-audit-events.ts';
import { normalizeAuditTime } from '../../src/audit/normalize-audit-time.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { UsageError } from '../../src/errors.ts';
import type { CliContext } from './commands.ts';
import { optionText, type Command } from './parse-command.ts';

const auditUsage = 'usage: policy-desk audit verify [--json] [--expect-head HASH] | policy-desk audit export [--tenant T] [--since TIME] [--until TIME]';

/**
 * `policy-desk audit verify`: exit 0 when the trail is intact (printing the
 * head hash last, to be kept somewhere else), 1 naming the first bad event.
 */
async function verifyCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const expectHead = optionText(command, 'expect-head');
  if (expectHead !== undefined && !/^[0-9a-f]{64}$/i.test(expectHead)) throw new UsageError('--expect-head must be a sha256 hash: 64 hexadecimal digits');
  const result = verifyAuditChain(db, expectHead === undefined ? {} : { expectHead });
  if (command.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    io.stdout.write(`audit trail intact: ${result.count} event${result.count === 1 ? '' : 's'}\n`);
    if (result.expectedHeadSeq !== undefined) io.stdout.write(`the expected head is event ${result.expectedHeadSeq}\n`);
    io.stdout.write(`head: ${result.head}\n`);
  } else {
    io.stderr.write(`audit trail TAMPERED: ${result.seq === null ? '' : `first bad event: ${result.seq}: `}${result.problem}\n`);
  }
  return result.ok ? 0 : 1;
}

/** `policy-desk audit export`: the matching events as JSON Lines on standard output, in chain order. */
async function exportCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const since = optionText(command, 'since');
  const until = optionText(command, 'until');
  if (since !== undefined && until !== undefined && normalizeAuditTime(since, '--since') >= normalizeAuditTime(until, '--until')) {
    throw new UsageError('--since must be before --until');
  }
  const filter = { ...(command.tenant ? { tenant: command.tenant } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}) };
  for (const event of exportAuditEvents(db, filter)) {
    // Respect back-pressure: an export can be far larger than memory.
    if (!io.stdout.write(`${JSON.stringify(event)}\n`)) await once(io.stdout, 'drain');
  }
  return 0;
}

/** `policy-desk audit verify|export`. */
export async function auditCommand(command: Command, context: CliContext): Promise<number> {
  const [action, ...rest] = command.positionals;
  if (rest.length > 0) throw new UsageError(auditUsage);
  if (action === 'verify') return verifyCommand(command, context);
  if (action === 'export') return exportCommand(command, context);
  throw new UsageError(auditUsage);
}
