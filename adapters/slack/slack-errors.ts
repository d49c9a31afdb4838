import { PolicyDeskError } from '../../src/errors.ts';

/** A request to /slack/events that is not from Slack: unsigned, forged, expired or replayed outside the window. */
export class SlackRequestRejected extends PolicyDeskError {
  readonly status: number;

  constructor(status: number, message: string, options: { cause?: unknown } = {}) {
    super('slack_request_rejected', message, options);
    this.status = status;
  }
}
