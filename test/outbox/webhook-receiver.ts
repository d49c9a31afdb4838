import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { webhookHeaders } from '../../src/outbox/sign-webhook.ts';
import { verifyWebhookSignature } from '../../src/outbox/verify-webhook-signature.ts';

export type ReceivedRequest = {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: number; topic: string; tenant: string; idempotencyKey: string; createdAt: string; payload: unknown };
  idempotencyKey: string;
  signatureValid: boolean;
};

/** What the receiver answers; `hold` keeps the request open (until the test ends) to stand for a receiver that hangs. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number; hold?: boolean };

/**
 * A real webhook endpoint on 127.0.0.1, as a downstream system would run it:
 * it verifies the signature against the raw body (401 when wrong), answers
 * with `reply` (200 by default) and counts, per idempotency key, the
 * deliveries it acknowledged and the most requests it ever had in flight at once.
 */
export async function startWebhookReceiver(options: {
  secret: string;
  nowSeconds?: () => number;
  reply?: (request: ReceivedRequest, index: number) => Reply;
}) {
  const requests: ReceivedRequest[] = [];
  const acknowledged = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let mostInFlight = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const nowSeconds = options.nowSeconds?.() ?? Date.now() / 1000;
    const idempotencyKey = String(req.headers[webhookHeaders.idempotencyKey] ?? '');
    const request: ReceivedRequest = {
      headers: req.headers,
      rawBody,
      body: JSON.parse(rawBody) as ReceivedRequest['body'],
      idempotencyKey,
      signatureValid: verifyWebhookSignature(options.secret, req.headers, rawBody, nowSeconds),
    };
    const index = requests.push(request) - 1;
    const current = (inFlight.get(idempotencyKey) ?? 0) + 1;
    inFlight.set(idempotencyKey, current);
    mostInFlight = Math.max(mostInFlight, current);
    const reply: Reply = request.signatureValid ? (options.reply?.(request, index) ?? { status: 200 }) : { status: 401, body: 'bad signature' };
    if (reply.hold) return;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    inFlight.set(idempotencyKey, (inFlight.get(idempotencyKey) ?? 1) - 1);
    if (reply.status >= 200 && reply.status < 300) acknowledged.set(idempotencyKey, (acknowledged.get(idempotencyKey) ?? 0) + 1);
    res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    })());
  onTestFinished(close);
  return {
    url: `http://127.0.0.1:${port}/hooks/policy-desk`,
    requests,
    /** Deliveries the receiver acknowledged (2xx) for this key. */
    acknowledgedCount: (key: string) => acknowledged.get(key) ?? 0,
    acknowledged,
    /** The most requests for one key the receiver ever had open at the same time. */
    mostInFlight: () => mostInFlight,
    close,
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
