import type { RetrievalDeps } from '../retrieval/retrieve-evidence.ts';
import type { Drafter } from './drafter.ts';

/** A chat channel an announcement is posted to, platform-neutral: what publication events name. */
export type PublicationTarget = { platform: 'slack' | 'teams'; channel: string };

/**
 * The directory ids of a channel's members right now, read from the platform
 * (Slack `conversations.members`, Teams roster). A member the directory does
 * not know is returned as some id that is nobody's (e.g. "slack:U123"), so
 * it counts as outside every audience.
 */
export type ChannelMembers = (target: PublicationTarget & { tenant: string }) => Promise<string[]>;

/** What the announcement workflow needs from outside: the database, retrieval, a clock, a drafter, and the platforms' member lists. */
export type CommsDeps = RetrievalDeps & {
  now?: () => Date;
  /** Writes drafts; the template drafter when absent. */
  drafter?: Drafter;
  /** Member lists per platform; a platform without one cannot be published to (nobody could vouch for its members). */
  membersOf?: Partial<Record<PublicationTarget['platform'], ChannelMembers>>;
};
