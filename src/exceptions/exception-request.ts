import { z } from 'zod';
import { jsonColumn, stringListColumn } from '../storage/json-column.ts';

export const stageSchema = z.object({
  group: z.string(),
  quorum: z.number().int().positive(),
  slaMs: z.number().int().positive(),
  escalateTo: z.string().optional(),
});

export type Stage = z.infer<typeof stageSchema>;

export const exceptionStatuses = ['pending', 'needs_info', 'approved', 'denied', 'withdrawn', 'expired'] as const;
export type ExceptionStatus = (typeof exceptionStatuses)[number];

/** A row of exception_requests, validated as it is read back. */
export const exceptionRowSchema = z
  .object({
    id: z.number(),
    tenant: z.string(),
    requester: z.string(),
    policy_id: z.string(),
    version_id: z.number(),
    policy_version: z.string(),
    policy_title: z.string(),
    section_id: z.number(),
    section_heading: z.string(),
    clause: z.string(),
    justification: z.string(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    starts_on: z.string().nullable(),
    ends_on: z.string().nullable(),
    evidence: stringListColumn,
    status: z.enum(exceptionStatuses),
    routing_rule: z.string(),
    stages: jsonColumn(z.array(stageSchema).min(1)),
    stage: z.number().int().nonnegative(),
    stage_started_at: z.string(),
    escalated_to: z.string().nullable(),
    created_at: z.string(),
    decided_at: z.string().nullable(),
    decided_by: z.string().nullable(),
    decision_reason: z.string().nullable(),
    expires_on: z.string().nullable(),
    revision: z.number().int(),
  })
  .transform((row) => ({
    id: row.id,
    tenant: row.tenant,
    requester: row.requester,
    clause: {
      policyId: row.policy_id,
      versionId: row.version_id,
      version: row.policy_version,
      title: row.policy_title,
      sectionId: row.section_id,
      section: row.section_heading,
      quote: row.clause,
    },
    justification: row.justification,
    amount: row.amount ?? undefined,
    currency: row.currency ?? undefined,
    startsOn: row.starts_on ?? undefined,
    endsOn: row.ends_on ?? undefined,
    evidence: row.evidence,
    status: row.status,
    routingRule: row.routing_rule,
    stages: row.stages,
    stage: row.stage,
    stageStartedAt: row.stage_started_at,
    escalatedTo: row.escalated_to ?? undefined,
    createdAt: row.created_at,
    decidedAt: row.decided_at ?? undefined,
    decidedBy: row.decided_by ?? undefined,
    decisionReason: row.decision_reason ?? undefined,
    expiresOn: row.expires_on ?? undefined,
    revision: row.revision,
  }));

/** An exception request as the workflow and the adapters see it. */
export type ExceptionRequest = z.infer<typeof exceptionRowSchema>;

/** The stage the request is at (the last one once it is decided). */
export function currentStage(request: ExceptionRequest): Stage {
  return request.stages[Math.min(request.stage, request.stages.length - 1)]!;
}

export const isOpen = (request: ExceptionRequest) => request.status === 'pending' || request.status === 'needs_info';
