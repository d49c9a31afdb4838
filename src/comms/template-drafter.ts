import { ConfigError } from '../errors.ts';
import { loadPrompt, renderPrompt } from '../prompts/load-prompt.ts';
import type { DraftSource } from './draft.ts';
import type { Drafter, DraftInput, WrittenDraft } from './drafter.ts';
import { tones, type Tone } from './parse-draft-request.ts';

/** The template of each tone: the `## tone` sections of `prompts/draft-announcement.md`. */
export function announcementTemplates(text = loadPrompt('draft-announcement')): Record<Tone, string> {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const templates: Partial<Record<Tone, string>> = {};
  for (const part of body.split(/^## /m).slice(1)) {
    const [heading = '', ...lines] = part.split('\n');
    const tone = heading.trim().toLowerCase();
    if ((tones as readonly string[]).includes(tone)) templates[tone as Tone] = lines.join('\n').trim();
  }
  const missing = tones.filter((tone) => !templates[tone]);
  if (missing.length > 0) throw new ConfigError(`prompts/draft-announcement.md has no template for: ${missing.join(', ')}`);
  return templates as Record<Tone, string>;
}

/** One line per source: the excerpt word for word, with the policy and section it is from (employees read it, so no internal ids). */
export function sourcePoint(source: DraftSource): string {
  const excerpt = source.text.replace(/\s+/g, ' ').trim();
  // Section numbers ("3.1 Hotel limits") would read as figures the claim check looks for.
  const section = source.kind === 'policy' ? source.section.replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '') : '';
  return source.kind === 'policy' ? `- ${source.title}, "${section}": “${excerpt}”` : `- ${excerpt}`;
}

/**
 * The offline drafter: fills the tone's template with the source excerpts,
 * quoted word for word, so every fact it states is a source's own. Needs no
 * network; its drafts are labelled "template draft".
 */
export function createTemplateDrafter(): Drafter {
  return {
    name: 'template',
    async write(input: DraftInput): Promise<WrittenDraft> {
      const template = announcementTemplates()[input.tone];
      const text = renderPrompt(template, { topic: input.topic, audience: input.audience, points: input.sources.map(sourcePoint).join('\n'), contact: input.contact });
      return { text, kind: 'template', generator: 'template' };
    },
  };
}
