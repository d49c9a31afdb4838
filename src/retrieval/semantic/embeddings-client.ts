/**
 * The port to an embeddings model: one vector per text, in order. The
 * OpenAI-compatible adapter is `createOpenAiEmbeddings`; anything else with
 * this shape (a fake in a test, another provider) plugs in the same way.
 */
export type EmbeddingsClient = {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
};
