import { UsageError } from '../../src/errors.ts';
import { acknowledgmentReport } from '../../src/lifecycle/acknowledgment-report.ts';
import { findVersion } from '../../src/lifecycle/find-version.ts';
import { directoryPerson } from '../../src/lifecycle/compare-policy-versions.ts';
import { recordAcknowledgment } from '../../src/lifecycle/record-acknowledgment.ts';
import { requestAcknowledgments } from '../../src/lifecycle/request-acknowledgments.ts';
import type { CliContext } from './commands.ts';
import { optionList, optionText, required, type Command } from './parse-command.ts';

const ackUsage = 'usage: policy-desk ack request|record|report POLICY_ID --tenant T --as USER [--version V] [--jurisdiction J] [--json]';

/**
 * `policy-desk ack request POLICY_ID`: ask the version's audience (narrowed
 * by --department, --location, --role) to acknowledge it; `ack record`:
 * USER acknowledges it; `ack report`: who was asked, who acknowledged, who
 * has not.
 */
export async function ackCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const [action, policyId, ...rest] = command.positionals;
  if (!action || !policyId || rest.length > 0 || !['request', 'record', 'report'].includes(action)) throw new UsageError(ackUsage);
  const tenant = required(command.tenant, 'tenant');
  const as = required(command.as, 'as');
  const version = optionText(command, 'version');
  const jurisdiction = optionText(command, 'jurisdiction');
  const ref = { policyId, ...(version !== undefined ? { version } : {}), ...(jurisdiction !== undefined ? { jurisdiction } : {}) };
  const now = new Date();
  const print = (value: unknown, text: string) => io.stdout.write(command.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  switch (action) {
    case 'request': {
      const narrowing = { departments: optionList(command, 'department'), locations: optionList(command, 'location'), roles: optionList(command, 'role') };
      const outcome = requestAcknowledgments(db, { tenant, by: as, ...ref, narrowing, now });
      const already = [outcome.alreadyRequested ? `${outcome.alreadyRequested} asked before` : '', outcome.alreadyAcknowledged ? `${outcome.alreadyAcknowledged} already acknowledged` : ''].filter(Boolean).join(', ');
      print(
        outcome,
        outcome.requestId === null
          ? `${outcome.title} ${outcome.version}: nobody new to ask (${outcome.audience} in the audience${already ? `: ${already}` : ''})`
          : `${outcome.title} ${outcome.version}: request #${outcome.requestId} sent to ${outcome.requested.length} of ${outcome.audience} people${already ? ` (${already})` : ''}: ${outcome.requested.join(', ')}`,
      );
      return 0;
    }
    case 'record': {
      // Resolve the version as USER sees it, then record by its stored id, as the chat button does.
      const person = directoryPerson(db, tenant, as);
      const target = findVersion(db, tenant, person, { ...ref, today: now.toISOString().slice(0, 10) });
      const outcome = recordAcknowledgment(db, { tenant, person: as, versionId: target.versionId, channel: 'cli', now });
      print(
        { outcome: outcome.outcome, acknowledgedAt: outcome.acknowledgedAt, policyId: target.policyId, version: target.version },
        `${outcome.outcome === 'recorded' ? 'Acknowledged' : 'Already acknowledged'}: ${target.title} ${target.version} at ${outcome.acknowledgedAt}`,
      );
      return 0;
    }
    default: {
      const report = acknowledgmentReport(db, { tenant, viewer: as, ...ref, now });
      const lines = [
        `${report.title}${report.jurisdiction ? ` (${report.jurisdiction})` : ''} ${report.version} (effective ${report.effective}): ${report.acknowledged.filter((a) => a.requested).length} of ${report.requested} acknowledged, ${report.outstanding.length} outstanding`,
        ...report.requests.map((r) => `  request #${r.id} by ${r.requestedByName} at ${r.requestedAt}: ${r.requested} people${r.narrowedTo ? ` (${Object.entries(r.narrowedTo).map(([key, values]) => `${key}: ${values.join(', ')}`).join('; ')})` : ''}`),
        'Acknowledged:',
        ...(report.acknowledged.length ? report.acknowledged.map((a) => `  ${a.name} (${a.personId}) at ${a.acknowledgedAt} via ${a.channel}${a.requested ? '' : ', not asked'}`) : ['  nobody yet']),
        'Outstanding:',
        ...(report.outstanding.length ? report.outstanding.map((p) => `  ${p.name} (${p.personId})${p.department ? `, ${p.department}` : ''}${p.location ? `, ${p.location}` : ''}`) : ['  nobody']),
      ];
      print(report, lines.join('\n'));
      return 0;
    }
  }
}
