import type { Config } from '../config/load-config.ts';
import type { Drafter } from './drafter.ts';
import { createTemplateDrafter } from './template-drafter.ts';

/** The template drafter, or the language-model one when a model is configured. */
export async function createDrafter(config: Pick<Config, 'llm'>): Promise<Drafter> {
  if (!config.llm) return createTemplateDrafter();
  const { createLlmDrafter } = await import('./llm-drafter.ts');
  return createLlmDrafter(config.llm);
}
