import { escapeHtml } from '../html.ts';
import { niceMax, palette, type Series } from './chart-series.ts';

/**
 * Stacked columns, one per category (a day), as an SVG drawn on the server:
 * `role="img"` with a <title> and <desc>, so it reads as one labelled image;
 * each column has its own <title> with the numbers (a tooltip).
 */
export function columnChartSvg(chart: { id: string; title: string; description: string; categories: string[]; series: Series[]; width?: number; height?: number }): string {
  const width = chart.width ?? 720;
  const height = chart.height ?? 240;
  const left = 40;
  const bottom = 36;
  const top = 10;
  const plotWidth = width - left - 10;
  const plotHeight = height - top - bottom;
  const totals = chart.categories.map((_, index) => chart.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [];
  // Counts: no half ticks.
  for (const tick of Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]) {
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11">${tick}</text>`);
  }
  const labelEvery = Math.ceil(chart.categories.length / 10);
  chart.categories.forEach((category, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    const pieces = chart.series.map((series, s) => {
      const value = series.values[index] ?? 0;
      const rect = value > 0 ? `<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${palette[s % palette.length]}"/>` : '';
      base += value;
      return rect;
    });
    const tip = `${category}: ${chart.series.map((series) => `${series.name} ${series.values[index] ?? 0}`).join(', ')}`;
    parts.push(`<g><title>${escapeHtml(tip)}</title>${pieces.join('')}</g>`);
    if (index % labelEvery === 0) parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${escapeHtml(category.slice(5))}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" class="chart-svg"><title id="${chart.id}-t">${escapeHtml(chart.title)}</title><desc id="${chart.id}-d">${escapeHtml(chart.description)}</desc>${parts.join('')}</svg>`;
}
