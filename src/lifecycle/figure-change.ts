import type { FigureKind } from './find-figures.ts';

/**
 * A figure that changed, with the words around it so it reads on its own:
 * `lead` "Nightly limit:" + `before` "$250" → `after` "$300" + `trail` "per night".
 * A figure only in the later text has no `before`; one only in the earlier, no `after`.
 */
export type FigureChange = { kind: FigureKind; before?: string; after?: string; lead: string; trail: string };

/** "Nightly limit: $250 → $300 per night", "new: … within 2 working days of …", "removed: … a $2,500 budget". */
export function describeFigureChange(change: FigureChange): string {
  const core = change.before !== undefined && change.after !== undefined ? `${change.before} → ${change.after}` : (change.after ?? change.before ?? '');
  const prefix = change.before === undefined ? 'new: ' : change.after === undefined ? 'removed: ' : '';
  return prefix + [change.lead, core, change.trail].filter(Boolean).join(' ');
}
