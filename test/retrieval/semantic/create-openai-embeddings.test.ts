import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelOutputError } from '../../../src/errors.ts';
import { createOpenAiEmbeddings } from '../../../src/retrieval/semantic/create-openai-embeddings.ts';
import { baseUrl, embeddingsModel, embeddingsReply, fakeEmbedding, fakeEmbeddingsServer } from './fake-embeddings-server.ts';

const client = () => createOpenAiEmbeddings({ apiKey: 'sk-test', baseUrl, model: embeddingsModel });

describe('the OpenAI-compatible embeddings client', () => {
  afterEach(() => {
    nock.cleanAll();
  });

  it('asks for JSON floats with the key and model, and returns one vector per text in order', async () => {
    const { requests } = fakeEmbeddingsServer();

    const vectors = await client().embedDocuments(['Hotel limit\nThe nightly hotel limit is 250 USD.', 'Airfare\nEconomy class by default.']);
    const query = await client().embedQuery('hotel limit?');

    expect(requests).toEqual([
      { model: embeddingsModel, input: ['Hotel limit\nThe nightly hotel limit is 250 USD.', 'Airfare\nEconomy class by default.'], encoding: 'float', authorization: 'Bearer sk-test' },
      { model: embeddingsModel, input: ['hotel limit?'], encoding: 'float', authorization: 'Bearer sk-test' },
    ]);
    expect(vectors).toEqual([fakeEmbedding('Hotel limit\nThe nightly hotel limit is 250 USD.'), fakeEmbedding('Airfare\nEconomy class by default.')]);
    expect(query).toEqual(fakeEmbedding('hotel limit?'));
  });

  it('refuses a vector of the wrong length, naming it', async () => {
    fakeEmbeddingsServer((input, encoding) => embeddingsReply(input, encoding, (text, index) => fakeEmbedding(text).slice(0, index === 1 ? 7 : 8)));

    const failure = client().embedDocuments(['lodging', 'airfare', 'laptops']);

    await expect(failure).rejects.toBeInstanceOf(ModelOutputError);
    await expect(failure).rejects.toMatchObject({
      code: 'model_output_invalid',
      message: expect.stringMatching(/embeddings endpoint \(model "text-embedding-3-small" at http:\/\/embeddings\.test\/v1\) returned unusable embeddings: vector 1: has 7 dimensions where vector 0 has 8/),
    });
  });

  it('refuses values that are not numbers', async () => {
    fakeEmbeddingsServer((input, encoding) => embeddingsReply(input, encoding, () => [0.1, 0.2, '0.3', 0.4]));

    await expect(client().embedQuery('hotel')).rejects.toThrow(/unusable embeddings: vector 0, value 2: .*number/i);
  });

  it('refuses a reply with fewer vectors than texts, or none at all', async () => {
    fakeEmbeddingsServer((input, encoding) => embeddingsReply(input.slice(1), encoding));
    await expect(client().embedDocuments(['lodging', 'airfare'])).rejects.toThrow(/returned a reply without an embedding for every input/);

    nock.cleanAll();
    fakeEmbeddingsServer(() => ({ object: 'list', model: embeddingsModel, usage: { prompt_tokens: 0, total_tokens: 0 } }));
    await expect(client().embedQuery('hotel')).rejects.toThrow(/returned a reply without an embedding for every input/);
  });

  it('sends nothing for no texts', async () => {
    const { requests } = fakeEmbeddingsServer();
    expect(await client().embedDocuments([])).toEqual([]);
    expect(requests).toEqual([]);
  });
});
