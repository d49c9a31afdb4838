import { stem, words } from '../retrieval/analyze-text.ts';
import type { AudienceSpec } from './audience.ts';

export const tones = ['formal', 'friendly', 'concise', 'executive'] as const;
export type Tone = (typeof tones)[number];

/** What a drafting request asks for. */
export type DraftRequest = { topic: string; audience: AudienceSpec; tone: Tone; notes: string[] };

/** The values a tenant's directory holds, which an audience may name. */
export type AudienceVocabulary = { departments: string[]; locations: string[]; roles: string[] };

/** Text that starts a drafting request in chat. */
export const draftRequestPattern = /^\s*(?:<@[^>]+>\s*)?(?:please\s+|can you\s+|could you\s+)?(?:draft|write)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)?(?:short\s+|quick\s+|new\s+)?(?:announcement|post|all-hands post|staff post)s?\b/i;

const toneAt = /(?:,?\s*(?:in\s+)?(?:an?\s+)?)\b(formal|friendly|concise|executive)\b(?:\s+(?:tone|style|voice|register))?/i;
const locationAliases: Record<string, string> = {
  british: 'UK', britain: 'UK', 'united kingdom': 'UK', england: 'UK', american: 'US', usa: 'US', 'united states': 'US', america: 'US',
  german: 'DE', germany: 'DE', french: 'FR', france: 'FR', irish: 'IE', ireland: 'IE', canadian: 'CA', canada: 'CA',
};
/** Words for "people" that name no attribute: "UK employees" is the UK. */
const generic = new Set(['employee', 'employees', 'staff', 'people', 'everyone', 'everybody', 'all', 'team', 'teams', 'colleagues', 'workers', 'personnel', 'members', 'folks'].map(stem));

/** The audience a clause ("UK employees", "sales managers in the US") names, or undefined when it names no attribute nor everyone. */
export function parseAudience(clause: string, vocabulary: AudienceVocabulary): AudienceSpec | undefined {
  const lower = ` ${clause.toLowerCase().replace(/[^\p{Letter}\p{Number}-]+/gu, ' ')} `;
  const audience: Required<AudienceSpec> = { departments: [], locations: [], roles: [] };
  const add = (list: string[], value: string) => list.includes(value) || list.push(value);
  for (const code of vocabulary.locations) if (lower.includes(` ${code.toLowerCase()} `)) add(audience.locations, code);
  for (const [alias, code] of Object.entries(locationAliases)) if (lower.includes(` ${alias} `)) add(audience.locations, vocabulary.locations.find((l) => l.toUpperCase() === code) ?? code);
  const stems = new Set(words(clause).map(stem));
  for (const department of vocabulary.departments) if (stems.has(stem(department.toLowerCase()))) add(audience.departments, department);
  for (const role of vocabulary.roles) if (!generic.has(stem(role.toLowerCase())) && stems.has(stem(role.toLowerCase()))) add(audience.roles, role);
  const spec: AudienceSpec = {};
  if (audience.departments.length) spec.departments = audience.departments;
  if (audience.locations.length) spec.locations = audience.locations;
  if (audience.roles.length) spec.roles = audience.roles;
  if (Object.keys(spec).length > 0) return spec;
  return [...stems].some((word) => generic.has(word)) ? {} : undefined;
}

/**
 * Reads a drafting request written in chat: "draft an announcement about the
 * new UK time-off rules for UK employees, friendly tone". The topic follows
 * "about" (or "on", "regarding"); the audience is the last "for ..." clause
 * that names directory attributes (locations, departments, roles) or
 * everyone; the tone one of formal, friendly, concise, executive (default
 * friendly). Lines starting "Note:" are notes to draft from. Without an
 * audience clause, the audience is everyone.
 */
export function parseDraftRequest(text: string, vocabulary: AudienceVocabulary): DraftRequest {
  const lines = text.split('\n');
  const notes = lines.filter((line) => /^\s*notes?\s*:/i.test(line)).map((line) => line.replace(/^\s*notes?\s*:\s*/i, '').trim()).filter(Boolean);
  let rest = lines.filter((line) => !/^\s*notes?\s*:/i.test(line)).join(' ').replace(draftRequestPattern, '').replace(/\s+/g, ' ').trim();
  let tone: Tone = 'friendly';
  const toneMatch = toneAt.exec(rest);
  if (toneMatch) {
    tone = toneMatch[1]!.toLowerCase() as Tone;
    rest = `${rest.slice(0, toneMatch.index)} ${rest.slice(toneMatch.index + toneMatch[0].length)}`.trim();
  }
  let audience: AudienceSpec = {};
  const clauses = [...rest.matchAll(/\bfor\s+(?:all\s+(?:of\s+)?(?:our\s+)?|our\s+|the\s+)?/gi)].reverse();
  for (const clause of clauses) {
    const parsed = parseAudience(rest.slice(clause.index + clause[0].length), vocabulary);
    if (parsed === undefined) continue;
    audience = parsed;
    rest = rest.slice(0, clause.index);
    break;
  }
  const topic = rest.replace(/^[\s,:;-]*(?:about|on|regarding|re|covering)\s+/i, '').replace(/[\s,.;:!?-]+$/g, '').trim();
  return { topic, audience, tone, notes };
}
