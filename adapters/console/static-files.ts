import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const files: Record<string, string> = { 'console.css': 'text/css; charset=utf-8', 'console.js': 'text/javascript; charset=utf-8' };
const cache = new Map<string, Buffer>();

/** Serves the console's own stylesheet and script (no CDN, no build step); false for any other name. */
export function sendStaticFile(response: ServerResponse, name: string): boolean {
  const type = files[name];
  if (!type) return false;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(new URL(`./static/${name}`, import.meta.url));
    cache.set(name, body);
  }
  response.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
  response.end(body);
  return true;
}
