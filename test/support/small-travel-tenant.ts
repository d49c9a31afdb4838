import type { Db } from '../../src/storage/open-database.ts';
import { makeTenant } from './make-tenant.ts';

/** The front-matter of the small travel policy the answer tests share. */
const frontMatter = `---
id: travel
title: Travel policy
version: "3"
effective: 2025-01-01
owner: finance
---

# Travel policy
`;

/** One employee (ana) and the finance group that owns the travel policy. */
export const oneEmployee = {
  users: [{ id: 'ana', name: 'Ana Souza', department: 'engineering', location: 'US', roles: ['employee'] }],
  groups: [{ id: 'finance', name: 'Finance reviewers', members: [] }],
};

/** Tenant `acme` with a travel policy made of the given `## Lodging` and `## Airfare` texts, asked by ana. */
export async function smallTravelTenant(sections: { lodging: string; airfare: string }): Promise<Db> {
  const travel = `${frontMatter}\n## Lodging\n\n${sections.lodging}\n\n## Airfare\n\n${sections.airfare}\n`;
  return (await makeTenant('acme', { 'travel.md': travel }, oneEmployee)).db;
}
