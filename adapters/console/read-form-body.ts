import type { IncomingMessage } from 'node:http';
import { InvalidRequestError } from '../../src/errors.ts';

/** More than any console form needs (a justification, links). */
export const maxFormBytes = 64 * 1024;

/** Reads an `application/x-www-form-urlencoded` body; refuses other types and bodies over the limit. */
export async function readFormBody(request: IncomingMessage): Promise<URLSearchParams> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new InvalidRequestError('content-type', 'The console accepts form submissions only.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxFormBytes) throw new InvalidRequestError('body', `The form is larger than ${maxFormBytes / 1024} KB.`);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
