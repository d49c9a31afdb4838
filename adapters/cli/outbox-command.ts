import { ConfigError, UsageError } from '../../src/errors.ts';
import { createOutboxDispatcher } from '../../src/outbox/create-outbox-dispatcher.ts';
import { listOutboxMessages, type ListedOutboxMessage } from '../../src/outbox/list-outbox-messages.ts';
import { loadWebhookTargets } from '../../src/outbox/load-webhook-targets.ts';
import { outboxStatuses, type OutboxStatus } from '../../src/outbox/outbox-message.ts';
import { redriveOutboxMessages, type RedriveSelection } from '../../src/outbox/redrive-outbox-messages.ts';
import { webhooksFileFromEnv } from '../../src/outbox/webhooks-file-from-env.ts';
import type { CliContext } from './commands.ts';
import { optionChoice, type Command } from './parse-command.ts';

const outboxUsage = 'usage: policy-desk outbox list [--tenant T] [--status pending|delivered|dead] [--json] | retry ID|--dead [--tenant T] [--json] | deliver [--json]';


function describeMessage(message: ListedOutboxMessage): string {
  const when = message.status === 'delivered' ? `delivered ${message.deliveredAt}` : message.status === 'pending' ? `next ${message.nextAttemptAt}` : `created ${message.createdAt}`;
  const lines = [`${message.id}  ${message.status}  ${message.tenant}  ${message.topic}  attempts ${message.attempts}  ${when}  key ${message.idempotencyKey}`];
  if (message.leaseOwner) lines.push(`    leased to ${message.leaseOwner} until ${message.leaseUntil}`);
  if (message.lastError) lines.push(`    last error: ${message.lastError}`);
  for (const delivery of message.deliveries) lines.push(`    acknowledged by ${delivery.url} (${delivery.statusCode}) at ${delivery.deliveredAt}`);
  return `${lines.join('\n')}\n`;
}

/** `outbox list`: the messages, oldest first; one JSON object per line with --json. */
function listMessages(command: Command, { io, db }: CliContext): number {
  const filter: { tenant?: string; status?: OutboxStatus } = {};
  if (command.tenant) filter.tenant = command.tenant;
  const status = optionChoice(command, 'status', outboxStatuses);
  if (status) filter.status = status;
  const messages = listOutboxMessages(db, filter);
  if (command.json) {
    for (const message of messages) io.stdout.write(`${JSON.stringify(message)}\n`);
  } else {
    io.stdout.write(messages.length === 0 ? 'no outbox messages\n' : messages.map(describeMessage).join(''));
  }
  return 0;
}

/** `outbox retry ID|--dead`: dead messages back to pending. */
function retryMessages(command: Command, { io, db }: CliContext, id: string | undefined): number {
  const allDead = command.options.dead === true;
  if (allDead === (id !== undefined)) throw new UsageError('outbox retry needs a message id or --dead (not both)');
  if (id !== undefined && !/^\d+$/.test(id)) throw new UsageError(`outbox retry: "${id}" is not a message id`);
  const selection: RedriveSelection = id !== undefined ? { id: Number(id) } : command.tenant ? { allDead: true, tenant: command.tenant } : { allDead: true };
  // A message that does not exist or is not dead throws an OutboxError: runCli reports it and exits 1.
  const redriven = redriveOutboxMessages(db, selection, new Date());
  if (command.json) io.stdout.write(`${JSON.stringify({ redriven })}\n`);
  else io.stdout.write(redriven.length === 0 ? 'no dead messages\n' : `back to pending: ${redriven.join(', ')}\n`);
  return 0;
}

/** `outbox deliver`: one dispatcher run (for cron and operators); exits 1 when a message went dead in it. */
async function deliverMessages(command: Command, { io, db }: CliContext): Promise<number> {
  const file = webhooksFileFromEnv(io.env);
  if (!file) throw new ConfigError('outbox deliver needs WEBHOOKS_FILE naming the webhooks file');
  const dispatcher = createOutboxDispatcher({
    db,
    targets: loadWebhookTargets(file, io.env),
    onEvent: (event) => {
      if (event.type === 'dead') io.stderr.write(`dead: message ${event.messageId} after ${event.attempts} attempts: ${event.error}\n`);
    },
  });
  const result = await dispatcher.runOnce();
  if (command.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else io.stdout.write(`outbox: ${result.delivered} delivered, ${result.retried} to retry, ${result.dead} dead, ${result.unrouted} without a subscriber\n`);
  return result.dead > 0 ? 1 : 0;
}

/**
 * `policy-desk outbox list|retry|deliver`: inspect the webhook outbox,
 * re-drive dead messages, or deliver what is due now.
 */
export async function outboxCommand(command: Command, context: CliContext): Promise<number> {
  const [action, id, ...extra] = command.positionals;
  if (action === 'list' && id === undefined) return listMessages(command, context);
  if (action === 'retry' && extra.length === 0) return retryMessages(command, context, id);
  if (action === 'deliver' && id === undefined) return deliverMessages(command, context);
  throw new UsageError(outboxUsage);
}
