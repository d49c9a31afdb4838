import { describe, expect, it } from 'vitest';
import { cardToBlockKit } from '../../../adapters/slack/card-to-block-kit.ts';

describe('cardToBlockKit', () => {
  it('escapes the fallback text as it escapes the blocks, so typed mention syntax does not notify a channel', () => {
    const message = cardToBlockKit({ body: [{ type: 'text', text: 'Draft: <!channel> sick leave & pay' }], actions: [], summary: 'Announcement #10 waits for review: <!channel> sick leave & pay' });
    expect(message.text).toBe('Announcement #10 waits for review: &lt;!channel&gt; sick leave &amp; pay');
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});
