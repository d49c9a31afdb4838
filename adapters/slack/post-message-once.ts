import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { findMessageByMetadata } from './find-message-by-metadata.ts';

/** Message metadata marking one message of one notice (`<outbox id>:<step>`). */
const noticeMetadataType = 'policy_desk_notice';

/** Which message of which notice this is, and whether an earlier attempt at the notice may have posted it. */
export type PostOnce = { marker: string; lookFirst: boolean };

/**
 * Posts a message marked as one notice's (`once`); when an earlier attempt
 * at the notice may have made it, it is looked for first, in its thread or
 * channel, and not posted again. The ts and channel of the message, posted
 * now or found.
 */
export async function postMessageOnce(client: WebClient, args: ChatPostMessageArguments, once?: PostOnce): Promise<{ ts?: string; channel?: string }> {
  if (once?.lookFirst) {
    const where = { channel: args.channel, ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}) };
    const ts = await findMessageByMetadata(client, where, noticeMetadataType, (payload) => payload.marker === once.marker);
    if (ts) return { ts, channel: args.channel };
  }
  const posted = await client.chat.postMessage(once ? { ...args, metadata: { event_type: noticeMetadataType, event_payload: { marker: once.marker } } } : args);
  return { ...(posted.ts ? { ts: posted.ts } : {}), ...(posted.channel ? { channel: posted.channel } : {}) };
}
