import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { Config } from '../config/load-config.ts';
import { loadPrompt, renderPrompt } from '../prompts/load-prompt.ts';
import type { DraftSource } from './draft.ts';
import type { Drafter, DraftInput, WrittenDraft } from './drafter.ts';
import { createTemplateDrafter } from './template-drafter.ts';

/** What the model must return: a headline and paragraphs, each naming the sources it relies on. */
export const modelDraftSchema = z.object({
  title: z.string().min(1).max(200),
  paragraphs: z.array(z.object({ text: z.string().min(1), sources: z.array(z.string()) })).min(1).max(12),
});

/** The part of a LangChain structured-output runnable the drafter uses (a test may pass its own). */
export type StructuredModel = { invoke(messages: [string, string][]): Promise<unknown> };

const maxSourceChars = 2500;

function formatSources(sources: DraftSource[]): string {
  return sources
    .map((source) => (source.kind === 'policy' ? `[${source.id}] ${source.title} (version ${source.version}), section "${source.section}"\n` : `[${source.id}] Note from the requester\n`) + source.text.slice(0, maxSourceChars))
    .join('\n\n');
}

/**
 * Writes drafts with a chat model through LangChain's ChatOpenAI and
 * structured output (a JSON schema from zod; the reply is validated with the
 * same schema). A paragraph citing no source it was given is dropped; a reply
 * left without paragraphs, or a failing model, falls back to the template
 * draft, said so in the note. Whatever it writes is then claim-checked.
 */
export function createLlmDrafter(settings: NonNullable<Config['llm']>, options: { model?: StructuredModel } = {}): Drafter {
  const model: StructuredModel =
    options.model ??
    new ChatOpenAI({
      model: settings.model,
      apiKey: settings.apiKey,
      temperature: 0.2,
      timeout: settings.timeoutMs,
      maxRetries: 1,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
    }).withStructuredOutput(modelDraftSchema, { name: 'announcement_draft', method: 'jsonSchema' });
  const template = createTemplateDrafter();
  const generator = `llm:${settings.model}`;
  return {
    name: generator,
    async write(input: DraftInput): Promise<WrittenDraft> {
      const prompt = renderPrompt(loadPrompt('draft-model'), { topic: input.topic, audience: input.audience, tone: input.tone, contact: input.contact, sources: formatSources(input.sources) });
      let reason: string;
      try {
        const parsed = modelDraftSchema.safeParse(await model.invoke([['human', prompt]]));
        if (parsed.success) {
          const known = new Set(input.sources.map((source) => source.id));
          const kept = parsed.data.paragraphs.filter((paragraph) => paragraph.sources.some((id) => known.has(id.trim().toUpperCase())));
          const dropped = parsed.data.paragraphs.length - kept.length;
          if (kept.length > 0) {
            const text = [`**${parsed.data.title.trim()}**`, ...kept.map((paragraph) => paragraph.text.trim())].join('\n\n');
            return { text, kind: 'model', generator, ...(dropped > 0 ? { note: `${dropped} paragraph(s) citing no source were left out.` } : {}) };
          }
          reason = 'the model cited none of the sources';
        } else {
          reason = `the model's reply did not match the draft schema (${parsed.error.issues[0]?.message ?? 'invalid'})`;
        }
      } catch (error) {
        reason = `the model failed: ${(error as Error).message}`;
      }
      const fallback = await template.write(input);
      return { ...fallback, note: `Template draft: ${reason}.` };
    },
  };
}
