import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseRulesText } from '../rules/parse-rules-text.ts';
import { readRulesFile } from '../rules/read-rules-file.ts';
import { RulesFileError } from '../rules/rules-file-error.ts';
import { channelsFileSchema, commsFileSchema, defaultAnnouncementSettings, type AnnouncementSettings } from './announcement-settings.ts';

/**
 * A tenant folder's announcement settings: `channels.yml` (where
 * announcements may be published) and `comms.yml` (who reviews what, which
 * locations need a local-market reviewer), each optional, with the defaults
 * for what they leave out. A bad file is a `RulesFileError` naming the file
 * and the field. Groups named must be reviewer groups of the directory
 * (`groups`), so a typo does not silently route to nobody.
 */
export function loadAnnouncementSettings(dir: string, groups?: string[]): AnnouncementSettings {
  const settings: AnnouncementSettings = structuredClone(defaultAnnouncementSettings);
  const channelsFile = join(dir, 'channels.yml');
  if (existsSync(channelsFile)) settings.channels = parseRulesText(readRulesFile(channelsFile), channelsFile, channelsFileSchema).channels;
  const commsFile = join(dir, 'comms.yml');
  if (existsSync(commsFile)) {
    const comms = parseRulesText(readRulesFile(commsFile), commsFile, commsFileSchema);
    if (comms.review?.always) settings.review.always = comms.review.always;
    if (comms.review?.by_content) settings.review.byContent = comms.review.by_content;
    if (comms.review?.source_owners !== undefined) settings.review.sourceOwners = comms.review.source_owners;
    if (comms.local_market) settings.localMarket = comms.local_market.map((entry) => ({ location: entry.location, ...(entry.group ? { group: entry.group } : {}) }));
    if (groups) {
      const known = new Set(groups);
      const check = (group: string, field: string) => {
        if (!known.has(group)) throw new RulesFileError(commsFile, field, `"${group}" is not a group of the directory`);
      };
      comms.review?.always?.forEach((group, index) => check(group, `review.always[${index}]`));
      comms.review?.by_content?.forEach((rule, index) => rule.groups.forEach((group, g) => check(group, `review.by_content[${index}].groups[${g}]`)));
      comms.local_market?.forEach((entry, index) => entry.group && check(entry.group, `local_market[${index}].group`));
    }
  }
  return settings;
}
