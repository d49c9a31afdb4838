import { html, trusted, type SafeHtml } from '../html.ts';
import { palette, type Series } from './chart-series.ts';

/**
 * A chart with its text alternatives: the SVG is an image labelled by its
 * title and a one-sentence description, and the numbers it draws are in a
 * table under it (collapsed), for screen readers and for copying.
 */
export function chartFigure(chart: { id: string; title: string; description: string; svg: string; categoryLabel: string; categories: string[]; series: Series[] }): SafeHtml {
  return html`<figure class="chart" aria-labelledby="${chart.id}-caption">
  <figcaption id="${chart.id}-caption"><strong>${chart.title}</strong> <span class="muted">${chart.description}</span></figcaption>
  ${trusted(chart.svg)}
  <ul class="legend" aria-hidden="true">${chart.series.map((series, index) => html`<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${palette[index % palette.length]}"/></svg> ${series.name}</li>`)}</ul>
  <details><summary>Data table</summary>
  <table><caption>${chart.title}</caption>
  <thead><tr><th scope="col">${chart.categoryLabel}</th>${chart.series.map((series) => html`<th scope="col">${series.name}</th>`)}</tr></thead>
  <tbody>${chart.categories.map((category, row) => html`<tr><th scope="row">${category}</th>${chart.series.map((series) => html`<td>${series.values[row] ?? 0}</td>`)}</tr>`)}</tbody>
  </table></details>
</figure>`;
}
