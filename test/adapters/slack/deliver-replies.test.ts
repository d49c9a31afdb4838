import { describe, expect, it } from 'vitest';
import { noticeCard } from '../../../src/chat/cards/notice-card.ts';
import { planReplies } from '../../../adapters/slack/deliver-replies.ts';

describe('planReplies', () => {
  const echoed = { ...noticeCard('Your exception request #4 is with finance.'), echoed: true };

  it('leaves out a reply the notifier repeats in the DM, when the form was sent from the DM or App Home', () => {
    expect(planReplies([echoed], { user: 'U0ANA', channel: 'D0ANA' }).posts).toEqual([]);
    expect(planReplies([echoed], { user: 'U0ANA' }).posts).toEqual([]);
  });

  it('still tells the asker privately when the form was sent from a channel', () => {
    const { posts } = planReplies([echoed], { user: 'U0ANA', channel: 'C0GENERAL', thread: '1763900000.000100' });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ method: 'chat.postEphemeral', args: { channel: 'C0GENERAL', user: 'U0ANA', thread_ts: '1763900000.000100', text: 'Your exception request #4 is with finance.' } });
  });

  it('posts other replies for the asker in the DM as before', () => {
    const { posts } = planReplies([noticeCard('Thanks for the feedback.')], { user: 'U0ANA', channel: 'D0ANA' });
    expect(posts).toEqual([expect.objectContaining({ method: 'chat.postMessage', args: expect.objectContaining({ channel: 'D0ANA', text: 'Thanks for the feedback.' }) })]);
  });
});
