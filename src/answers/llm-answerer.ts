import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { Config } from '../config/load-config.ts';
import { loadPrompt, renderPrompt } from '../prompts/load-prompt.ts';
import type { Evidence } from '../retrieval/rank-evidence.ts';
import type { AnswerDraft, Answerer, AnswerInput } from './answerer.ts';
import { citationFor } from './answerer.ts';
import { createOfflineAnswerer } from './offline-answerer.ts';

/** How many ranked sections the model sees, and how much of each. */
const maxSources = 5;
const maxSourceChars = 3000;

export const llmAnswerSchema = z.object({
  status: z.enum(['answered', 'abstained']),
  answer: z.string().default(''),
  citations: z.array(z.object({ source: z.string(), quote: z.string() })).default([]),
});

export type ChatModel = { invoke(messages: [string, string][], options?: Record<string, unknown>): Promise<{ content: unknown }> };

const normalize = (text: string) => text.toLowerCase().replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();

function sectionText(evidence: Evidence): string {
  return evidence.section.sentences.map((sentence) => sentence.text).join(' ').slice(0, maxSourceChars);
}

function formatSources(evidence: Evidence[]): string {
  return evidence
    .map((item, index) => `[S${index + 1}] ${item.version.title} (version ${item.version.version}), section "${item.section.heading}"\n${sectionText(item)}`)
    .join('\n\n');
}

/** The JSON object in a model reply, tolerating a code fence around it. */
function extractJson(content: unknown): unknown {
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => (part as { text?: string }).text ?? '').join('') : '';
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('the model reply has no JSON object');
  return JSON.parse(text.slice(start, end + 1));
}

/**
 * Checks a model reply against what retrieval returned: a citation of a
 * source that was not given, or a quote not found in its source, is dropped.
 * With no valid citation left, the answer is downgraded to the offline quote.
 */
export function validateModelAnswer(raw: unknown, evidence: Evidence[]): { draft: AnswerDraft; dropped: number } | undefined {
  const parsed = llmAnswerSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const reply = parsed.data;
  if (reply.status === 'abstained') return { draft: { status: 'abstained' }, dropped: 0 };
  const citations = [];
  let dropped = 0;
  for (const citation of reply.citations.slice(0, 3)) {
    const index = /^S?(\d+)$/i.exec(citation.source.trim())?.[1];
    const item = index === undefined ? undefined : evidence[Number(index) - 1];
    if (!item || !citation.quote.trim() || !normalize(sectionText(item)).includes(normalize(citation.quote))) {
      dropped++;
      continue;
    }
    citations.push(citationFor(item, citation.quote.trim()));
  }
  if (citations.length === 0 || !reply.answer.trim()) return undefined;
  return { draft: { status: 'answered', answer: reply.answer.trim(), citations }, dropped };
}

/**
 * Answers with a chat model through LangChain's ChatOpenAI (OpenAI, Azure
 * OpenAI, vLLM, Ollama: anything speaking the OpenAI API), using the prompt
 * in `prompts/answer-question.md`. It judges the evidence itself, so it is
 * also asked about questions the ranking is unsure of. A reply that fails
 * validation, or a model that fails, falls back to the offline quoting
 * answerer where the ranking was sure (the employee still gets the policy's
 * own words), and to abstaining where it was not.
 */
export function createLlmAnswerer(
  settings: NonNullable<Config['llm']>,
  options: { model?: ChatModel; onFallback?: (reason: string) => void } = {},
): Answerer {
  const model: ChatModel =
    options.model ??
    new ChatOpenAI({
      model: settings.model,
      apiKey: settings.apiKey,
      temperature: 0,
      timeout: settings.timeoutMs,
      maxRetries: 1,
      configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
    });
  const offline = createOfflineAnswerer();
  const template = loadPrompt('answer-question');

  return {
    name: `llm:${settings.model}`,
    judgesEvidence: true,
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      const evidence = input.evidence.slice(0, maxSources);
      const prompt = renderPrompt(template, {
        asker: `${input.person.name}${input.person.location ? `, ${input.person.location}` : ''}${input.person.department ? `, ${input.person.department}` : ''}`,
        question: input.question,
        sources: formatSources(evidence),
      });
      try {
        const reply = await model.invoke([['human', prompt]], { response_format: { type: 'json_object' } });
        const checked = validateModelAnswer(extractJson(reply.content), evidence);
        if (checked) {
          if (checked.dropped > 0) options.onFallback?.(`dropped ${checked.dropped} citation(s) not backed by the retrieved sources`);
          return checked.draft;
        }
        options.onFallback?.('the model reply did not cite the retrieved sources');
      } catch (error) {
        options.onFallback?.(`the model failed: ${(error as Error).message}`);
      }
      // Quoting the policy is a safe answer only where the ranking alone was sure of it.
      return input.confident ? offline.answer(input) : { status: 'abstained' };
    },
  };
}
