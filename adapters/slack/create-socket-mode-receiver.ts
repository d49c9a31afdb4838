import { SocketModeReceiver, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../src/logging/create-logger.ts';
import { boltLogger, claimBeforeAck } from './create-slack-receiver.ts';

/**
 * Bolt's Socket Mode receiver, with every delivery stored before Slack gets
 * its ack, as over HTTP (`createSlackReceiver`). Bolt acknowledges an event
 * before any listener runs, so a claim made by a listener or a middleware
 * would come after the ack, and a process dying in between would lose the
 * event. Here the delivery is claimed first: a repeat is acknowledged and
 * dropped, and one that cannot be stored is not acknowledged, so Slack sends
 * it again. Bolt then sees `claimed: true` in its context.
 */
export function createSocketModeReceiver(options: {
  appToken: string;
  logger: Logger;
  /** Base URL of the Web API, for `apps.connections.open` (tests and proxies set it). */
  apiUrl?: string;
  /** Stores a delivery, keeping its body until it is done: false for a repeat. */
  claim: (body: Record<string, unknown>) => Promise<boolean>;
}): Receiver {
  const socket = new SocketModeReceiver({
    appToken: options.appToken,
    logger: boltLogger(options.logger),
    ...(options.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } } : {}),
  });
  return {
    init(app: App) {
      // Bolt's receiver hands each envelope to `processEvent` of the app it was given: this one claims it first.
      const claimFirst = async (event: ReceiverEvent): Promise<void> => {
        const claim = await claimBeforeAck(options.claim, event.body as Record<string, unknown>, options.logger);
        if (claim === 'unstored') return;
        if (claim === 'repeat') return event.ack();
        await app.processEvent({ ...event, customProperties: { ...event.customProperties, claimed: true } });
      };
      socket.init({ processEvent: claimFirst } as unknown as App);
    },
    start: () => socket.start(),
    stop: () => socket.stop(),
  };
}
