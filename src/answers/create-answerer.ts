import type { Config } from '../config/load-config.ts';
import type { Answerer } from './answerer.ts';
import { createOfflineAnswerer } from './offline-answerer.ts';

/** The offline answerer, or the language-model one when a model is configured. */
export async function createAnswerer(config: Pick<Config, 'llm'>): Promise<Answerer> {
  if (!config.llm) return createOfflineAnswerer();
  const { createLlmAnswerer } = await import('./llm-answerer.ts');
  return createLlmAnswerer(config.llm);
}
