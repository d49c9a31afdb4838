import { z } from 'zod';

const name = z.string().trim().min(1);
const names = z.array(name).min(1);

/** One channel announcements may be published to: `channels.yml`. */
export const announcementChannelSchema = z.strictObject({
  /** The key people use to name it (`--channel uk-all`, the publish form). */
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" and "-"'),
  platform: z.enum(['slack', 'teams'], { error: 'must be slack or teams' }),
  /** The platform's channel id: a Slack conversation id (C0...), a Teams channel id (19:...@thread.tacv2). */
  channel: name,
  name,
});

export type AnnouncementChannel = z.infer<typeof announcementChannelSchema>;

export const channelsFileSchema = z.strictObject({ channels: z.array(announcementChannelSchema).default([]) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.channels.forEach((channel, index) => {
    if (seen.has(channel.id)) ctx.addIssue({ code: 'custom', path: ['channels', index, 'id'], message: `"${channel.id}" is listed twice` });
    seen.add(channel.id);
  });
});

/** Content that brings in more reviewers: any of the words (whole words, ignoring case) adds the groups. */
const contentRuleSchema = z.strictObject({ id: name, words: names, groups: names });

export const commsFileSchema = z.strictObject({
  review: z
    .strictObject({
      /** Groups that review every announcement. */
      always: names.optional(),
      by_content: z.array(contentRuleSchema).optional(),
      /** Whether the owner groups of the policies a draft cites review it too. */
      source_owners: z.boolean().optional(),
    })
    .optional(),
  /** Locations whose staff need a local-market reviewer (with the group that reviews for them, where there is one). */
  local_market: z.array(z.strictObject({ location: name, group: name.optional() })).optional(),
});

export type ContentRule = z.infer<typeof contentRuleSchema>;

/** A tenant's announcement settings, with the defaults filled in. */
export type AnnouncementSettings = {
  channels: AnnouncementChannel[];
  review: { always: string[]; byContent: ContentRule[]; sourceOwners: boolean };
  localMarket: { location: string; group?: string }[];
};

/**
 * Without `comms.yml`: internal communications reviews everything; pay and
 * benefits bring in the People team (`hr`); legal words and obligations
 * bring in `legal`; the owners of the cited policies review too.
 */
export const defaultAnnouncementSettings: AnnouncementSettings = {
  channels: [],
  review: {
    always: ['comms'],
    byContent: [
      {
        id: 'pay-and-benefits',
        words: ['pay', 'paid', 'salary', 'salaries', 'wage', 'wages', 'bonus', 'bonuses', 'compensation', 'benefit', 'benefits', 'pension', 'insurance', 'allowance', 'reimbursed', 'reimbursement', 'leave', 'holiday', 'holidays', 'pto', 'sick'],
        groups: ['hr'],
      },
      {
        id: 'legal-and-obligations',
        words: ['legal', 'law', 'laws', 'lawful', 'statutory', 'contract', 'contracts', 'compliance', 'regulation', 'regulations', 'must', 'required', 'mandatory', 'prohibited', 'liable', 'liability', 'disciplinary'],
        groups: ['legal'],
      },
    ],
    sourceOwners: true,
  },
  localMarket: [],
};
