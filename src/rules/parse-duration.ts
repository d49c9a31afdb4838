const unitMs = { d: 24 * 60 * 60 * 1000, h: 60 * 60 * 1000, m: 60 * 1000 } as const;

/**
 * A duration as written in rules files, in milliseconds: `2d`, `8h`, `30m`,
 * or parts together (`1d12h`). `d` is 24 hours (calendar time, not business
 * days). Anything else, and zero, gives `undefined`.
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+[dhm])+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([dhm])/g)) total += Number(amount) * unitMs[unit as keyof typeof unitMs];
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}
