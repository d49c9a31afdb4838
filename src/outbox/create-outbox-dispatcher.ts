import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/open-database.ts';
import { acknowledgedTargets } from './acknowledged-targets.ts';
import { claimOutboxMessages } from './claim-outbox-messages.ts';
import { OutboxError } from './outbox-error.ts';
import type { OutboxMessage } from './outbox-message.ts';
import { postWebhook, type WebhookResult } from './post-webhook.ts';
import { retryDelayMs } from './retry-delay.ts';
import { settleOutboxMessage, type OutboxSettlement } from './settle-outbox-message.ts';
import { webhookTargetsFor } from './webhook-targets-for.ts';
import type { WebhookTarget, WebhookTargets } from './webhook-targets-schema.ts';

/** What a dispatcher did, for logs and metrics. */
export type OutboxEvent =
  | { type: 'delivered'; messageId: number; tenant: string; topic: string; url: string; status: number }
  | { type: 'attempt_failed'; messageId: number; url: string; error: string; permanent: boolean }
  | { type: 'retry_scheduled'; messageId: number; attempts: number; nextAttemptAt: string; error: string }
  | { type: 'dead'; messageId: number; attempts: number; error: string }
  /** No target subscribes to the message's tenant and topic: it is settled as delivered to nobody. */
  | { type: 'unrouted'; messageId: number; tenant: string; topic: string }
  /** The lease ran out before the outcome was recorded; another dispatcher owns the message now. */
  | { type: 'lease_lost'; messageId: number }
  /** A scheduled run failed as a whole (say the database was locked for too long); the next one tries again. */
  | { type: 'run_failed'; error: unknown };

export type OutboxRunResult = {
  /** Messages every subscribed target has now acknowledged. */
  delivered: number;
  /** Messages to try again later. */
  retried: number;
  /** Messages dead-lettered: refused permanently, or out of attempts. */
  dead: number;
  /** Messages no target subscribes to, settled without a request. */
  unrouted: number;
};

export type OutboxDispatcherOptions = {
  db: Db;
  targets: WebhookTargets;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  /** Full jitter: a number in [0, 1). */
  random?: () => number;
  /** Delivery rounds before a message is dead-lettered. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** How long a claim lasts; longer than any round can take, so only a dead holder's lease runs out. */
  leaseMs?: number;
  /** Messages claimed per run. */
  batchSize?: number;
  /** Names this dispatcher in `lease_owner`; unique per process. */
  owner?: string;
  onEvent?: (event: OutboxEvent) => void;
};

export type OutboxDispatcher = {
  /** Claims the due messages, sends each to its targets, records the outcomes. */
  runOnce(): Promise<OutboxRunResult>;
  /** Runs at once, then every `intervalMs` (sooner while a backlog remains) until `stop()`. */
  start(intervalMs?: number): void;
  /** Stops scheduling runs and waits for the one under way, if any. */
  stop(): Promise<void>;
};

type TargetResult = { target: WebhookTarget; result: WebhookResult };

/**
 * Delivers outbox messages as signed webhooks, at least once. Claims due
 * messages with a lease, POSTs each to every subscribed target that has not
 * acknowledged it yet, then records the outcome: 2xx acknowledged; a
 * permanent refusal (4xx other than 408/429) dead-letters the message; any
 * other failure retries with exponential backoff and full jitter (never
 * sooner than a `Retry-After`), dead-lettering after `maxAttempts` rounds.
 *
 * State changes only after the HTTP result, so a process killed at any point
 * loses nothing: its leases run out and the next run delivers again.
 * Receivers dedupe on the idempotency key.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const {
    db,
    targets,
    fetch = globalThis.fetch,
    now = () => new Date(),
    random = Math.random,
    maxAttempts = 8,
    baseDelayMs = 1000,
    maxDelayMs = 15 * 60_000,
    timeoutMs = 10_000,
    leaseMs = 5 * 60_000,
    batchSize = 50,
    owner = randomUUID(),
    onEvent,
  } = options;
  if (leaseMs <= timeoutMs) {
    // A lease running out mid-request would let a second dispatcher deliver the same message concurrently.
    throw new OutboxError('outbox_options_invalid', `leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs})`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new OutboxError('outbox_options_invalid', `maxAttempts must be a positive integer, not ${maxAttempts}`);

  const emit = (event: OutboxEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // A failing listener (a logger) must not stop deliveries or leave them unrecorded.
    }
  };

  function outcomeOf(message: OutboxMessage, results: TargetResult[], at: Date): OutboxSettlement {
    const attempts = message.attempts + 1;
    const failures = results.flatMap(({ result }) => (result.outcome === 'delivered' ? [] : [result]));
    if (failures.length === 0) return { status: 'delivered', attempts };
    const error = failures.map((failure) => failure.error).join('; ');
    if (failures.some((failure) => failure.outcome === 'permanent')) return { status: 'dead', attempts, error };
    if (attempts >= maxAttempts) return { status: 'dead', attempts, error: `gave up after ${attempts} attempts: ${error}` };
    const retryAfterMs = Math.max(0, ...failures.map((failure) => (failure.outcome === 'transient' ? failure.retryAfterMs ?? 0 : 0)));
    const delay = Math.max(retryAfterMs, retryDelayMs(attempts, { baseDelayMs, maxDelayMs, random }));
    return { status: 'pending', attempts, nextAttemptAt: new Date(at.getTime() + delay), error };
  }

  async function deliver(message: OutboxMessage): Promise<keyof OutboxRunResult | undefined> {
    const subscribed = webhookTargetsFor(targets, message.tenant, message.topic);
    if (subscribed.length === 0) {
      const settled = settleOutboxMessage(db, { id: message.id, owner, at: now(), acknowledged: [], outcome: { status: 'delivered', attempts: message.attempts } });
      if (!settled) {
        emit({ type: 'lease_lost', messageId: message.id });
        return undefined;
      }
      emit({ type: 'unrouted', messageId: message.id, tenant: message.tenant, topic: message.topic });
      return 'unrouted';
    }
    const acknowledged = acknowledgedTargets(db, message.id);
    const remaining = subscribed.filter((target) => !acknowledged.has(target.url));
    const body = JSON.stringify({
      id: message.id,
      topic: message.topic,
      tenant: message.tenant,
      idempotencyKey: message.idempotencyKey,
      createdAt: message.createdAt,
      payload: message.payload,
    });
    const results = await Promise.all(
      remaining.map(async (target): Promise<TargetResult> => ({
        target,
        result: await postWebhook({ fetch, target, body, idempotencyKey: message.idempotencyKey, now: now(), timeoutMs }),
      })),
    );
    const at = now();
    const outcome = outcomeOf(message, results, at);
    const delivered = results.flatMap(({ target, result }) => (result.outcome === 'delivered' ? [{ url: target.url, status: result.status }] : []));
    const settled = settleOutboxMessage(db, { id: message.id, owner, at, acknowledged: delivered, outcome });
    for (const { url, status } of delivered) emit({ type: 'delivered', messageId: message.id, tenant: message.tenant, topic: message.topic, url, status });
    for (const { target, result } of results) {
      if (result.outcome !== 'delivered') emit({ type: 'attempt_failed', messageId: message.id, url: target.url, error: result.error, permanent: result.outcome === 'permanent' });
    }
    if (!settled) {
      emit({ type: 'lease_lost', messageId: message.id });
      return undefined;
    }
    if (outcome.status === 'delivered') return 'delivered';
    if (outcome.status === 'dead') {
      emit({ type: 'dead', messageId: message.id, attempts: outcome.attempts, error: outcome.error });
      return 'dead';
    }
    emit({ type: 'retry_scheduled', messageId: message.id, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt.toISOString(), error: outcome.error });
    return 'retried';
  }

  let claimedLastRun = 0;

  async function runOnce(): Promise<OutboxRunResult> {
    const messages = claimOutboxMessages(db, { owner, now: now(), leaseMs, limit: batchSize });
    claimedLastRun = messages.length;
    const outcomes = await Promise.all(messages.map(deliver));
    const result: OutboxRunResult = { delivered: 0, retried: 0, dead: 0, unrouted: 0 };
    for (const outcome of outcomes) if (outcome) result[outcome]++;
    return result;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  // Bumped by start() and stop(): a run that ends under an older generation schedules nothing,
  // so a stop() then start() while a run is under way does not leave two loops.
  let generation = 0;

  function schedule(delayMs: number, intervalMs: number, scheduledIn: number): void {
    timer = setTimeout(() => {
      const run = runOnce().then(
        () => undefined,
        (error: unknown) => emit({ type: 'run_failed', error }),
      );
      running = run;
      void run.then(() => {
        if (running === run) running = undefined;
        // A full batch means more may be due: go on at once rather than wait.
        if (started && scheduledIn === generation) schedule(claimedLastRun >= batchSize ? 0 : intervalMs, intervalMs, scheduledIn);
      });
    }, delayMs);
    // The dispatcher alone does not keep a process alive.
    timer.unref();
  }

  return {
    runOnce,
    start(intervalMs = 5000) {
      if (started) return;
      started = true;
      generation++;
      schedule(0, intervalMs, generation);
    },
    async stop() {
      started = false;
      generation++;
      clearTimeout(timer);
      await running;
    },
  };
}
