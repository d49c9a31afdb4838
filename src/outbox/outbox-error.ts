import { PolicyDeskError } from '../errors.ts';

/**
 * The outbox was used in a way it cannot honour: an idempotency key reused
 * for a different message (`outbox_key_conflict`), a payload that is not
 * JSON (`outbox_payload_invalid`), a message that does not exist
 * (`outbox_message_not_found`) or is not dead (`outbox_message_not_dead`).
 */
export class OutboxError extends PolicyDeskError {
  constructor(code: `outbox_${string}`, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
