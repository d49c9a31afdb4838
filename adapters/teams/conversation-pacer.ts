/** Teams' limits for one bot in one conversation: operations per window. */
export const teamsConversationLimits = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
];

/**
 * Keeps sends to one conversation within Teams' per-conversation limits
 * (7 per second, 8 per 2 seconds, 60 per 30 seconds, 1800 per hour): `wait`
 * resolves when one more operation is allowed, and counts it. Sends to other
 * conversations are not held up.
 */
export function createConversationPacer(options: { limits?: { count: number; windowMs: number }[]; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const limits = options.limits ?? teamsConversationLimits;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const longest = Math.max(...limits.map((limit) => limit.windowMs));
  const sent = new Map<string, number[]>();

  /** How long until one more operation fits every window (0: now). */
  function delayFor(times: number[], at: number): number {
    let delay = 0;
    for (const limit of limits) {
      const inWindow = times.filter((time) => time > at - limit.windowMs);
      if (inWindow.length >= limit.count) delay = Math.max(delay, inWindow[inWindow.length - limit.count]! + limit.windowMs - at);
    }
    return delay;
  }

  return {
    async wait(conversationId: string): Promise<void> {
      for (;;) {
        const at = now();
        const times = (sent.get(conversationId) ?? []).filter((time) => time > at - longest);
        const delay = delayFor(times, at);
        if (delay <= 0) {
          times.push(at);
          sent.set(conversationId, times);
          return;
        }
        await sleep(delay);
      }
    },
  };
}

export type ConversationPacer = ReturnType<typeof createConversationPacer>;
