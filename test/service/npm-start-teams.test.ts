import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { startService } from '../support/start-service-process.ts';

const entraTenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** Ana of examples/acme, as Teams names her (Entra object id from directory.yml). */
const ana = { id: '29:1ana', name: 'Ana Souza', aadObjectId: '6f1c0a3e-2b7d-4e51-9a0c-1d2e3f405161' };

type ConnectorCall = { method: string; path: string; body: Record<string, unknown> | undefined };

/** The Bot Connector on loopback (the Emulator's own service URL plays this part): records what the bot sends. */
async function startFakeConnector(): Promise<{ server: Server; url: string; calls: ConnectorCall[] }> {
  const calls: ConnectorCall[] = [];
  let counter = 0;
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    calls.push({ method: request.method ?? '', path: decodeURIComponent(request.url ?? ''), body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined });
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: `activity-${++counter}` }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, calls };
}

describe('npm start with Teams in emulator mode, driven from outside over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-desk-teams-start-'));
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let service: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    service = await startService({ PORT: '0', HOST: '127.0.0.1', DATABASE_FILE: join(dir, 'policy-desk.db'), TEAMS_EMULATOR: '1', TEAMS_TENANTS: `${entraTenant}=acme` });
  }, 40_000);
  afterAll(async () => {
    await service?.stop();
    connector?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const message = (id: string, text: string) => ({
    type: 'message',
    id,
    timestamp: '2026-03-02T10:00:00.000Z',
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: ana,
    recipient: { id: '28:policy-desk', name: 'Policy Desk' },
    conversation: { id: 'a:personal-ana', conversationType: 'personal', tenantId: entraTenant },
    text,
    channelData: { tenant: { id: entraTenant } },
  });
  const post = (activity: unknown) => fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof activity === 'string' ? activity : JSON.stringify(activity) });
  const answers = () => connector.calls.filter((call) => call.method === 'POST' && call.path.includes('/v3/conversations/a:personal-ana/activities'));

  it('answers a question in personal chat once, however often it is delivered, and refuses a malformed activity', async () => {
    const question = message('1763900000001', 'What is the hotel limit per night?');
    expect((await post(question)).status).toBe(200);
    await eventually(() => answers().length > 0, 10_000);
    expect((await post(question)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answers()).toHaveLength(1);
    expect(JSON.stringify(answers()[0]!.body)).toContain('$250');

    expect((await post('{"type": "message", ')).status).toBe(400);
    expect((await post({ type: 'message', text: 'no conversation, no sender' })).status).toBe(400);
  });
});
