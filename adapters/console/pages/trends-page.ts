import type { ExceptionStatus } from '../../../src/exceptions/exception-request.ts';
import type { PolicyExceptions } from '../../../src/reports/exceptions-by-policy.ts';
import type { QuestionDay } from '../../../src/reports/questions-per-day.ts';
import type { ReviewerWorkload } from '../../../src/reports/reviewer-workload.ts';
import type { GroupSlaMisses } from '../../../src/reports/sla-misses.ts';
import { barChartSvg } from '../charts/bar-chart.ts';
import { chartFigure } from '../charts/chart-figure.ts';
import type { Series } from '../charts/chart-series.ts';
import { columnChartSvg } from '../charts/column-chart.ts';
import type { ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext } from '../console-context.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';

export type Trends = { days: number; since: string; questions: QuestionDay[]; exceptions: PolicyExceptions[]; workload: ReviewerWorkload[]; sla: GroupSlaMisses[] };

function figure(id: string, title: string, description: string, categoryLabel: string, categories: string[], series: Series[], kind: 'columns' | 'bars'): SafeHtml {
  const chart = { id, title, description, categories, series };
  return chartFigure({ ...chart, categoryLabel, svg: kind === 'columns' ? columnChartSvg(chart) : barChartSvg(chart) });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Trends drawn as SVG on the server: questions and abstentions per day, exceptions by policy and outcome, reviewer workload, SLA misses. */
export function trendsPage(ctx: ConsoleContext, page: { access: ConsoleAccess; trends: Trends; names: Map<string, string> }): SafeHtml {
  const t = page.trends;
  const answered = t.questions.map((d) => d.answered);
  const abstained = t.questions.map((d) => d.abstained);
  const refused = t.questions.map((d) => d.refused);
  const outcomes: [ExceptionStatus, string][] = [['approved', 'approved'], ['denied', 'denied'], ['pending', 'pending'], ['needs_info', 'needs info'], ['withdrawn', 'withdrawn'], ['expired', 'expired']];
  const totalQuestions = sum(answered) + sum(abstained) + sum(refused);
  return layout(ctx, {
    title: 'Trends',
    current: '/console/trends',
    access: page.access,
    body: html`<form method="get" action="/console/trends" class="filters">
  <label for="days">Period</label>
  <select id="days" name="days">${[7, 30, 90].map((days) => html`<option value="${days}"${days === t.days ? html` selected` : ''}>last ${days} days</option>`)}</select>
  <button type="submit">Show</button>
</form>
<div class="charts">
${figure('questions', 'Questions per day', `${totalQuestions} questions since ${t.since}: ${sum(answered)} answered, ${sum(abstained)} abstained (no policy answered), ${sum(refused)} refused.`, 'Day', t.questions.map((d) => d.day), [
      { name: 'answered', values: answered },
      { name: 'abstained', values: abstained },
      { name: 'refused', values: refused },
    ], 'columns')}
${figure('exceptions', 'Exception requests by policy and outcome', `${sum(t.exceptions.map((p) => p.total))} requests opened since ${t.since}, over ${t.exceptions.length} policies.`, 'Policy', t.exceptions.map((p) => p.title), outcomes.map(([status, name]) => ({ name, values: t.exceptions.map((p) => p.counts[status]) })), 'bars')}
${figure('workload', 'Reviewer workload', `Decisions and questions by reviewer since ${t.since}: ${sum(t.workload.map((w) => w.total))} in all.`, 'Reviewer', t.workload.map((w) => page.names.get(w.reviewer) ?? w.reviewer), [
      { name: 'approvals', values: t.workload.map((w) => w.approvals) },
      { name: 'denials', values: t.workload.map((w) => w.denials) },
      { name: 'questions asked', values: t.workload.map((w) => w.questions) },
    ], 'bars')}
${figure('sla', 'SLA misses by reviewer group', `Stages that ran past their SLA since ${t.since} (escalated), and open requests overdue now: ${sum(t.sla.map((g) => g.missed))} and ${sum(t.sla.map((g) => g.overdueNow))}.`, 'Group', t.sla.map((g) => g.group), [
      { name: 'escalated', values: t.sla.map((g) => g.missed) },
      { name: 'overdue now', values: t.sla.map((g) => g.overdueNow) },
    ], 'bars')}
</div>`,
  });
}
