import { OpenAIEmbeddings } from '@langchain/openai';
import { ModelOutputError } from '../../errors.ts';
import type { EmbeddingsClient } from './embeddings-client.ts';
import { parseEmbeddings } from './parse-embeddings.ts';

const timeoutMs = 30_000;

/**
 * Embeddings through LangChain's OpenAIEmbeddings: OpenAI, Azure OpenAI, vLLM,
 * Ollama, anything speaking the OpenAI embeddings API at `baseUrl`. Every
 * reply is validated (one vector per text, finite numbers, one length), so a
 * misbehaving server gives an error that says so instead of bad rankings.
 */
export function createOpenAiEmbeddings(settings: { apiKey: string; baseUrl?: string; model: string }): EmbeddingsClient {
  const client = new OpenAIEmbeddings({
    model: settings.model,
    apiKey: settings.apiKey,
    // Plain JSON floats, which every compatible server speaks. The SDK's
    // default, base64, is decoded blindly: a server that ignores the request
    // and sends floats anyway would turn into silently wrong vectors.
    encodingFormat: 'float',
    // Send the text as built; newlines between heading and body are fine for current models.
    stripNewLines: false,
    batchSize: 64,
    timeout: timeoutMs,
    maxRetries: 2,
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
  });
  const source = `embeddings endpoint (model "${settings.model}" at ${settings.baseUrl ?? 'https://api.openai.com/v1'})`;

  async function embed(count: number, call: () => Promise<unknown>): Promise<number[][]> {
    let raw: unknown;
    try {
      raw = await call();
    } catch (error) {
      // LangChain reads `data[i].embedding` without checking: a reply of another shape surfaces as a TypeError.
      if (error instanceof TypeError) {
        throw new ModelOutputError(`the ${source} returned a reply without an embedding for every input (${error.message})`, { cause: error });
      }
      throw error;
    }
    return parseEmbeddings(raw, count, source);
  }

  return {
    embedDocuments: async (texts) => (texts.length === 0 ? [] : embed(texts.length, () => client.embedDocuments(texts))),
    embedQuery: async (text) => (await embed(1, async () => [await client.embedQuery(text)]))[0]!,
  };
}
