import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logging/create-logger.ts';
import type { Db } from '../storage/open-database.ts';

/** A route the composition root mounts (Slack, Teams, the console...). Returns false when it does not handle the request. */
export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * The service's HTTP server: `GET /healthz` (200 when the database answers,
 * 503 otherwise) and whatever routes the adapters mount. Unknown paths get
 * 404; a route that throws gets 500 and a log line, never a hung request.
 */
export function createHttpServer(deps: { db: Db; logger: Logger; routes?: Route[] }): Server {
  const routes = deps.routes ?? [];
  return createServer(async (request, response) => {
    try {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        try {
          deps.db.prepare('SELECT 1').get();
          const tenants = deps.db.prepare('SELECT count(DISTINCT tenant) AS n FROM policy_versions').get() as { n: number };
          sendJson(response, 200, { status: 'ok', tenants: tenants.n });
        } catch (error) {
          deps.logger.error('health check failed', { error: (error as Error).message });
          sendJson(response, 503, { status: 'unavailable', error: 'database' });
        }
        return;
      }
      for (const route of routes) {
        if (await route(request, response)) return;
      }
      sendJson(response, 404, { error: 'not_found', message: `no route for ${request.method} ${path}` });
    } catch (error) {
      deps.logger.error('request failed', { url: request.url, error: (error as Error).message });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal', message: 'the request failed; see the service log' });
      else response.end();
    }
  });
}
