import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Directory } from '../../src/directory/directory-schema.ts';
import { makeTenant } from '../support/make-tenant.ts';
import { policyText } from '../support/policy-text.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => readFileSync(`${fixtures}${name}`, 'utf8');

/** Who is who in the lifecycle tests: employees in the US and the UK, owner-group members, an admin, an auditor, comms. */
export const lifecycleDirectory: Directory = {
  users: [
    { id: 'ana', name: 'Ana Souza', department: 'engineering', location: 'US', roles: ['employee'] },
    { id: 'bo', name: 'Bo Chen', department: 'sales', location: 'UK-LON', roles: ['employee'] },
    { id: 'cy', name: 'Cy Adams', department: 'sales', location: 'US', roles: ['employee'] },
    { id: 'hana', name: 'Hana Ito', department: 'hr', location: 'US', roles: ['employee'] },
    { id: 'fin', name: 'Finn Berg', department: 'finance', location: 'US', roles: ['employee'] },
    { id: 'root', name: 'Ro Admin', department: 'it', location: 'DE', roles: ['employee', 'admin'] },
    { id: 'aud', name: 'Audrey Fox', department: 'finance', location: 'US', roles: ['employee', 'auditor'] },
    { id: 'nina', name: 'Nina Comms', department: 'comms', location: 'US', roles: ['employee', 'comms'] },
  ],
  groups: [
    { id: 'hr', name: 'People team', members: ['hana'], slack_channel: 'C0HR' },
    { id: 'finance', name: 'Finance reviewers', members: ['fin'], slack_channel: 'C0FIN' },
    { id: 'legal', name: 'Legal', members: [] },
  ],
};

const bonusBody = (amount: string) => `# Bonus plan\n\n## Targets\n\nThe annual bonus target is ${amount} of base salary, paid in March.\n`;

/**
 * A tenant with history: the leave policy in two published versions (the
 * first retired), a draft of a third, and a UK variant; a confidential bonus
 * plan in two versions for finance only; a stale code of conduct, an expenses
 * policy due for review soon, and a handbook with no review date.
 */
export async function lifecycleWorld(file?: string) {
  const policies: Record<string, string> = {
    'leave.v1.md': fixture('leave.v1.md'),
    'leave.v2.md': fixture('leave.v2.md').replace('review_by: 2026-01-01', 'review_by: 2027-06-01'),
    'leave.v3.draft.md': policyText(
      { id: 'leave', title: 'Leave policy', version: '3', effective: '2027-01-01', status: 'draft', owner: 'hr' },
      fixture('leave.v2.md').split('---').slice(2).join('---').replace('25 days of paid holiday', '27 days of paid holiday'),
    ),
    'leave.uk.md': policyText(
      { id: 'leave', title: 'Leave policy (UK)', version: '2', effective: '2025-01-01', owner: 'hr', jurisdiction: 'UK', review_by: '2027-06-01' },
      '# Leave policy (UK)\n\n## Holidays\n\nEmployees in the UK receive 28 days of annual leave including bank holidays.\n',
    ),
    'bonus.v1.md': policyText(
      { id: 'bonus', title: 'Bonus plan', version: '1', effective: '2024-01-01', status: 'retired', owner: 'finance', classification: 'confidential', audience: { departments: ['finance'] } },
      bonusBody('10%'),
    ),
    'bonus.v2.md': policyText(
      { id: 'bonus', title: 'Bonus plan', version: '2', effective: '2025-01-01', owner: 'finance', classification: 'confidential', audience: { departments: ['finance'] }, review_by: '2027-06-01' },
      bonusBody('12%'),
    ),
    'conduct.md': policyText(
      { id: 'conduct', title: 'Code of conduct', version: '1', effective: '2023-01-01', owner: 'legal', classification: 'public', review_by: '2026-02-01' },
      '# Code of conduct\n\n## Gifts\n\nYou may accept gifts worth up to $100 a year.\n',
    ),
    'expenses.md': policyText(
      { id: 'expenses', title: 'Expenses policy', version: '2', effective: '2024-01-01', owner: 'finance', review_by: '2026-03-20' },
      '# Expenses policy\n\n## Receipts\n\nKeep a receipt for every expense of $25 or more.\n',
    ),
    'handbook.md': policyText(
      { id: 'handbook', title: 'Employee handbook', version: '1', effective: '2024-01-01', owner: 'hr' },
      '# Employee handbook\n\n## Welcome\n\nWelcome to the company.\n',
    ),
  };
  return makeTenant('acme', policies, lifecycleDirectory, file);
}

/** The day the lifecycle tests run on. */
export const today = new Date('2026-03-02T09:00:00Z');
