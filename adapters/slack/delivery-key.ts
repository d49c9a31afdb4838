/**
 * The id Slack keeps across retries of one delivery: `event_id` for Events
 * API callbacks, the trigger id for slash commands and most interactions,
 * and for block actions the action timestamp. Undefined for deliveries that
 * need no de-duplication (url_verification). `body` is as Bolt parsed it:
 * an interactive payload is already the JSON of its `payload` field.
 */
export function deliveryKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  const actions = Array.isArray(body.actions) ? (body.actions as { action_ts?: string; action_id?: string }[]) : [];
  const user = (body.user as { id?: string } | undefined)?.id ?? '';
  if (actions[0]?.action_ts) return `action:${user}:${actions[0].action_id ?? ''}:${actions[0].action_ts}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return undefined;
}
