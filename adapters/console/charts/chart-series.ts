/** One stacked series of a chart: a name for the legend and one value per category. */
export type Series = { name: string; values: number[] };

/** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'];

/** A round axis maximum at or above `max` (1, 2, 5 × 10^n). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= max) ?? 10 * power);
}
