import { ErrorCode, type WebClient } from '@slack/web-api';

/** How far back a look for an earlier post goes. */
const historyLimit = 200;

type Metadata = { event_type?: string; event_payload?: Record<string, unknown> };

/**
 * The ts of a message Policy Desk posted earlier, found by its message
 * metadata (`eventType`, a payload that `matches`) in a thread, or in a
 * channel's recent history: how a retry after a lost reply (a timeout, a
 * 5xx after Slack took the message, a process that died before recording
 * it) tells whether the message was made. Undefined when it is not there,
 * and when Slack refuses the look (a scope an older install lacks): the
 * caller then posts, at the risk of a repeat, rather than lose the message.
 */
export async function findMessageByMetadata(
  client: WebClient,
  where: { channel: string; thread_ts?: string },
  eventType: string,
  matches: (payload: Record<string, unknown>) => boolean,
): Promise<string | undefined> {
  let listed;
  try {
    listed = where.thread_ts
      ? await client.conversations.replies({ channel: where.channel, ts: where.thread_ts, include_all_metadata: true, limit: historyLimit })
      : await client.conversations.history({ channel: where.channel, include_all_metadata: true, limit: historyLimit });
  } catch (error) {
    if ((error as { code?: string }).code === ErrorCode.PlatformError) return undefined;
    throw error;
  }
  const found = (listed.messages ?? []).find((message) => {
    const metadata = (message as { metadata?: Metadata }).metadata;
    return metadata?.event_type === eventType && matches(metadata.event_payload ?? {});
  });
  return found?.ts;
}
