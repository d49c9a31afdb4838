import { UsageError } from '../../src/errors.ts';
import { comparePolicyVersions } from '../../src/lifecycle/compare-policy-versions.ts';
import type { CliContext } from './commands.ts';
import { formatComparison } from './format-comparison.ts';
import { optionText, required, type Command } from './parse-command.ts';

/**
 * `policy-desk diff POLICY_ID --tenant T --as USER [--from V] [--to V]`:
 * two versions of a policy that USER may see, section by section.
 */
export async function diffCommand(command: Command, { io, db }: CliContext): Promise<number> {
  const policyId = command.positionals[0];
  if (!policyId || command.positionals.length > 1) throw new UsageError('diff needs one policy id: policy-desk diff POLICY_ID --tenant T --as USER [--from V] [--to V]');
  const from = optionText(command, 'from');
  const to = optionText(command, 'to');
  const jurisdiction = optionText(command, 'jurisdiction');
  const comparison = comparePolicyVersions(db, {
    tenant: required(command.tenant, 'tenant'),
    viewer: required(command.as, 'as'),
    policyId,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(jurisdiction !== undefined ? { jurisdiction } : {}),
  });
  io.stdout.write(command.json ? `${JSON.stringify(comparison)}\n` : formatComparison(comparison));
  return 0;
}
