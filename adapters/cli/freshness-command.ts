import { reviewDue } from '../../src/chat/cards/freshness-card.ts';
import { UsageError } from '../../src/errors.ts';
import { freshnessReport } from '../../src/lifecycle/freshness-report.ts';
import type { CliContext } from './commands.ts';
import { optionText, required, type Command } from './parse-command.ts';

/** `policy-desk freshness --tenant T [--within DAYS]`: policies in force past review_by, or due within DAYS, per owner group. */
export async function freshnessCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const tenant = required(command.tenant, 'tenant');
  const within = optionText(command, 'within');
  const withinDays = within === undefined ? 30 : Number(within);
  if (!Number.isInteger(withinDays) || withinDays < 0) throw new UsageError(`--within ${within} is not a number of days`);
  const report = freshnessReport(db, tenant, { today: new Date().toISOString().slice(0, 10), withinDays });
  if (command.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const lines = [`${tenant}, ${report.today}: policies past their review date or due within ${withinDays} days`];
  if (report.groups.length === 0) lines.push('  none');
  for (const group of report.groups) {
    lines.push('', `${group.name} (${group.group})`);
    for (const item of [...group.overdue, ...group.dueSoon]) {
      lines.push(`  ${item.daysLeft < 0 ? 'OVERDUE ' : 'due soon'}  ${item.title}${item.jurisdiction ? ` (${item.jurisdiction})` : ''} ${item.version} [${item.policyId}]: ${reviewDue(item)}`);
    }
  }
  if (report.undated.length > 0) {
    lines.push('', 'No review date (never reported):');
    for (const item of report.undated) lines.push(`  ${item.title}${item.jurisdiction ? ` (${item.jurisdiction})` : ''} ${item.version} [${item.policyId}], owner ${item.owner}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
