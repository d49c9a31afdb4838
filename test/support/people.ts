import type { Person } from '../../src/directory/find-person.ts';
import type { CatalogVersion } from '../../src/policies/load-catalog.ts';

/** Someone in the directory: an engineer in the US with no groups unless told otherwise. */
export function person(overrides: Partial<Person> = {}): Person {
  return {
    tenant: 'acme',
    id: 'ana',
    name: 'Ana Souza',
    email: 'ana@acme.example',
    slackId: undefined,
    teamsId: undefined,
    department: 'engineering',
    location: 'US',
    roles: ['employee'],
    manager: undefined,
    groups: [],
    ...overrides,
  };
}

let nextVersionId = 1;

/** A policy version as the catalogue holds it: current, internal, in effect since 2025. */
export function catalogVersion(overrides: Partial<CatalogVersion> = {}): CatalogVersion {
  return {
    versionId: nextVersionId++,
    tenant: 'acme',
    policyId: 'travel',
    version: '1.0',
    jurisdiction: undefined,
    title: 'Travel policy',
    effective: '2025-01-01',
    status: 'current',
    owner: 'finance',
    classification: 'internal',
    audience: undefined,
    reviewBy: undefined,
    exceptions: 'allowed',
    source: undefined,
    ...overrides,
  };
}
