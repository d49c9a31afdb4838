import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { announcementChannelSchema, defaultAnnouncementSettings, type AnnouncementSettings } from './announcement-settings.ts';

const storedSettings = z.object({
  channels: z.array(announcementChannelSchema),
  review: z.object({ always: z.array(z.string()), byContent: z.array(z.object({ id: z.string(), words: z.array(z.string()), groups: z.array(z.string()) })), sourceOwners: z.boolean() }),
  localMarket: z.array(z.object({ location: z.string(), group: z.string().optional() })),
});

/** A tenant's announcement settings as last loaded, or the defaults (no channels) when none were. */
export function activeAnnouncementSettings(db: Db, tenant: string): AnnouncementSettings {
  const row = statement<[string], { settings: string }>(db, 'SELECT settings FROM announcement_settings WHERE tenant = ?').get(tenant);
  if (!row) return defaultAnnouncementSettings;
  return storedSettings.parse(JSON.parse(row.settings)) as AnnouncementSettings;
}
