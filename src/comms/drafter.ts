import type { DraftSource } from './draft.ts';
import type { Tone } from './parse-draft-request.ts';

export type DraftInput = { topic: string; audience: string; tone: Tone; sources: DraftSource[]; contact: string };

/** A written draft: its text and how it was made (`template` drafts are labelled as such wherever they are shown). */
export type WrittenDraft = { text: string; kind: 'template' | 'model'; generator: string; note?: string };

/** Writes an announcement from its sources: the offline template, or a language model. */
export type Drafter = { name: string; write(input: DraftInput): Promise<WrittenDraft> };
