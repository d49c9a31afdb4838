import type { AccessRule, AccessRules } from './access-rules-schema.ts';

const decideReason = 'Deciding exceptions needs the reviewer role or membership of a reviewer group.';

/**
 * The rules in force for every action a tenant's `access.yml` does not
 * mention (and for every action when there is no file). `decide` is only the
 * first gate: the exception workflow also checks that the decider belongs to
 * the reviewer group of the stage being decided.
 */
export const defaultAllowRules: readonly AccessRule[] = [
  { id: 'default-ask', action: ['ask'], everyone: true, reason: 'Everyone in the directory may ask questions.' },
  { id: 'default-request', action: ['request'], everyone: true, reason: 'Everyone in the directory may request an exception.' },
  { id: 'default-decide-reviewer', action: ['decide'], roles: ['reviewer'], reason: decideReason },
  { id: 'default-decide-group-member', action: ['decide'], groups: ['*'], reason: decideReason },
  { id: 'default-draft', action: ['draft'], roles: ['comms'], reason: 'Only people with the comms role draft announcements.' },
  { id: 'default-publish', action: ['publish'], roles: ['comms'], reason: 'Only people with the comms role publish announcements.' },
  { id: 'default-administer', action: ['administer'], roles: ['admin'], reason: 'Only administrators (role admin) change Policy Desk settings.' },
  { id: 'default-read-audit', action: ['read-audit'], roles: ['admin', 'auditor'], reason: 'Only administrators and auditors may read the audit records.' },
];

/** The access rules of a tenant without an `access.yml`. */
export const defaultAccessRules: AccessRules = { version: 'default', allow: [...defaultAllowRules], deny: [] };
