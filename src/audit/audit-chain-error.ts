import { PolicyDeskError } from '../errors.ts';

/**
 * The chain cannot be appended to: its last event does not match the anchor
 * (the tail was cut or rewritten). Appends stop rather than continue a chain
 * someone tampered with; `policy-desk audit verify` says what is wrong.
 */
export class AuditChainError extends PolicyDeskError {
  constructor(message: string) {
    super('audit_chain_broken', message);
  }
}
