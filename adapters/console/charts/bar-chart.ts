import { escapeHtml } from '../html.ts';
import { niceMax, palette, type Series } from './chart-series.ts';

/**
 * Stacked horizontal bars, one row per category (a policy, a reviewer, a
 * group), as an SVG drawn on the server, labelled by <title> and <desc>;
 * each bar ends with its total, and each row has a <title> with its numbers.
 */
export function barChartSvg(chart: { id: string; title: string; description: string; categories: string[]; series: Series[]; width?: number }): string {
  const width = chart.width ?? 720;
  const labelWidth = 210;
  const row = 26;
  const top = 6;
  const height = top + Math.max(1, chart.categories.length) * row + 6;
  const plotWidth = width - labelWidth - 50;
  const totals = chart.categories.map((_, index) => chart.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const parts: string[] = [];
  if (chart.categories.length === 0) parts.push(`<text x="${width / 2}" y="${top + 16}" text-anchor="middle" font-size="12">No data in this period</text>`);
  chart.categories.forEach((category, index) => {
    const y = top + index * row;
    let base = 0;
    const pieces = chart.series.map((series, s) => {
      const value = series.values[index] ?? 0;
      const x = labelWidth + (base / max) * plotWidth;
      base += value;
      return value > 0 ? `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${((value / max) * plotWidth).toFixed(1)}" height="${row - 8}" fill="${palette[s % palette.length]}"/>` : '';
    });
    const label = category.length > 30 ? `${category.slice(0, 29)}…` : category;
    const tip = `${category}: ${chart.series.map((series) => `${series.name} ${series.values[index] ?? 0}`).join(', ')}`;
    parts.push(
      `<g><title>${escapeHtml(tip)}</title><text x="${labelWidth - 8}" y="${y + row / 2 + 4}" text-anchor="end" font-size="12">${escapeHtml(label)}</text>${pieces.join('')}<text x="${(labelWidth + (totals[index]! / max) * plotWidth + 6).toFixed(1)}" y="${y + row / 2 + 4}" font-size="12">${totals[index]}</text></g>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${chart.id}-t ${chart.id}-d" class="chart-svg"><title id="${chart.id}-t">${escapeHtml(chart.title)}</title><desc id="${chart.id}-d">${escapeHtml(chart.description)}</desc>${parts.join('')}</svg>`;
}
