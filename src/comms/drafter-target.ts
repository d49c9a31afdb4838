import type { NoticeTarget } from '../chat/enqueue-notice.ts';
import type { Draft } from './draft.ts';

/** Where the drafter hears about their draft: the conversation (thread) it was asked in, or their personal chat for a draft made on the command line. */
export function drafterTarget(draft: Draft): NoticeTarget {
  return /^(cli|api)(:|$)/.test(draft.conversation) ? { person: draft.createdBy } : { conversation: draft.conversation };
}
