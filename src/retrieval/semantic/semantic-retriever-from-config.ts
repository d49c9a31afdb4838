import type { Config } from '../../config/load-config.ts';
import type { Db } from '../../storage/open-database.ts';
import { createOpenAiEmbeddings } from './create-openai-embeddings.ts';
import { createSemanticRetriever, type SemanticRetriever } from './create-semantic-retriever.ts';

/** The semantic retriever for the configured embeddings model, or undefined when none is configured. */
export function semanticRetrieverFromConfig(db: Db, config: Pick<Config, 'embeddings'>): SemanticRetriever | undefined {
  if (!config.embeddings) return undefined;
  return createSemanticRetriever(db, createOpenAiEmbeddings(config.embeddings), config.embeddings.model);
}
