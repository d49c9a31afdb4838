import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../../adapters/console/charts/bar-chart.ts';
import { chartFigure } from '../../../adapters/console/charts/chart-figure.ts';
import { columnChartSvg } from '../../../adapters/console/charts/column-chart.ts';

describe('charts', () => {
  const series = [
    { name: 'answered', values: [3, 0, 5] },
    { name: 'abstained', values: [1, 0, 0] },
  ];

  it('draws stacked columns as a labelled image, one group per day with its numbers as a tooltip', () => {
    const svg = columnChartSvg({ id: 'q', title: 'Questions per day', description: 'Nine questions', categories: ['2026-03-01', '2026-03-02', '2026-03-03'], series });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="q-t q-d"/);
    expect(svg).toContain('<title id="q-t">Questions per day</title><desc id="q-d">Nine questions</desc>');
    expect(svg).toContain('<title>2026-03-01: answered 3, abstained 1</title>');
    expect(svg.match(/<rect /g)).toHaveLength(3);
    // The axis tops at the largest day, rounded up to 1, 2 or 5 × 10^n.
    expect(svg).toContain('font-size="11">5</text>');
  });

  it('draws stacked bars with escaped labels and a total, and says when there is nothing', () => {
    const svg = barChartSvg({ id: 'p', title: 'By policy', description: 'd', categories: ['Travel <policy>', 'Expenses', 'PTO'], series });
    expect(svg).toContain('Travel &lt;policy&gt;</text>');
    expect(svg).toContain('>4</text>');
    expect(barChartSvg({ id: 'e', title: 'Empty', description: 'd', categories: [], series: [] })).toContain('No data in this period');
  });

  it('puts the numbers in a table under the chart, for screen readers', () => {
    const figure = chartFigure({ id: 'q', title: 'Q', description: 'D', svg: '<svg></svg>', categoryLabel: 'Day', categories: ['a', 'b', 'c'], series }).value;
    expect(figure).toContain('<thead><tr><th scope="col">Day</th><th scope="col">answered</th><th scope="col">abstained</th></tr></thead>');
    expect(figure).toContain('<tr><th scope="row">a</th><td>3</td><td>1</td></tr>');
  });
});
