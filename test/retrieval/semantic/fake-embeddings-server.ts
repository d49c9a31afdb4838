import nock from 'nock';

export const baseUrl = 'http://embeddings.test/v1';
export const embeddingsModel = 'text-embedding-3-small';
export const dimensions = 8;

// What a real model learns, in miniature: words of one topic point the same
// way (dimensions 0-4), so "accommodation" finds "hotel" without sharing a
// word; any other word adds a little noise in dimensions 5-7.
const topics: string[][] = [
  ['hotel', 'lodging', 'accommodation', 'nightly', 'night', 'stay', 'room'],
  ['flight', 'airfare', 'economy', 'fly', 'plane', 'ticket'],
  ['laptop', 'computer', 'engineer', 'machine', 'equipment'],
  ['phone', 'mobile', 'call'],
  ['dinner', 'meal', 'lunch', 'food', 'receipt', 'reimbursed', 'reimburse'],
];
const topicOf = new Map(topics.flatMap((words, dimension) => words.map((word) => [word, dimension] as const)));

function hash(word: string): number {
  let value = 2166136261;
  for (const char of word) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
  return value;
}

/**
 * A deterministic stand-in for a real embeddings model over 8 dimensions (or
 * `size`, at least 6): a bag of words (plurals folded) where topic words weigh
 * 1 and others 0.2, unit length, float32 like the real thing.
 */
export function fakeEmbedding(text: string, size = dimensions): number[] {
  const vector = new Array<number>(size).fill(0);
  const noise = size - topics.length;
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const folded = word.replace(/s$/, '');
    const topic = topicOf.get(folded);
    if (topic !== undefined && topic < size) vector[topic]! += 1;
    else vector[topics.length + (hash(folded) % noise)]! += 0.2;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => Math.fround(value / norm));
}

export function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, index) => sum + value * b[index]!, 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

/** How the OpenAI API sends a vector when `encoding_format` is `base64`: little-endian float32 bytes. */
function base64Of(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

export type EmbeddingsRequest = { model: string; input: string[]; encoding: string | undefined; authorization: string | undefined };

/** A `POST /embeddings` reply shaped like OpenAI's, in the encoding the request asked for. */
export function embeddingsReply(input: string[], encoding: string | undefined, vectorOf: (text: string, index: number) => unknown = (text) => fakeEmbedding(text)) {
  const tokens = input.reduce((sum, text) => sum + (text.match(/\S+/g)?.length ?? 0), 0);
  return {
    object: 'list',
    data: input.map((text, index) => {
      const vector = vectorOf(text, index);
      return { object: 'embedding', index, embedding: encoding === 'base64' && Array.isArray(vector) ? base64Of(vector as number[]) : vector };
    }),
    model: embeddingsModel,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/**
 * Fakes the embeddings endpoint at `baseUrl` for as many requests as come,
 * recording each; `reply` may replace the realistic default to misbehave.
 */
export function fakeEmbeddingsServer(reply: (input: string[], encoding: string | undefined) => unknown = embeddingsReply) {
  const requests: EmbeddingsRequest[] = [];
  nock(baseUrl)
    .persist()
    .post('/embeddings')
    .reply(200, function (_uri, body) {
      const sent = (typeof body === 'string' ? JSON.parse(body) : body) as { model: string; input: string | string[]; encoding_format?: string };
      const input = Array.isArray(sent.input) ? sent.input : [sent.input];
      const authorization = this.req.headers.authorization;
      requests.push({ model: sent.model, input, encoding: sent.encoding_format, authorization: Array.isArray(authorization) ? authorization[0] : authorization });
      return reply(input, sent.encoding_format) as nock.Body;
    });
  return { requests };
}
