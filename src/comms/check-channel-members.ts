import type { AnnouncementChannel } from './announcement-settings.ts';
import type { CommsDeps } from './comms-deps.ts';

export type ChannelRefusal = { channel: string; name: string; reason: string };

/**
 * Reads each target channel's members now and refuses every channel with
 * anyone outside the audience (members the directory does not know count as
 * outside), and every channel whose members cannot be read: nobody could
 * vouch for them.
 */
export async function checkChannelMembers(deps: CommsDeps, tenant: string, channels: AnnouncementChannel[], audience: Set<string>): Promise<ChannelRefusal[]> {
  const refusals: ChannelRefusal[] = [];
  for (const channel of channels) {
    const membersOf = deps.membersOf?.[channel.platform];
    if (!membersOf) {
      refusals.push({ channel: channel.id, name: channel.name, reason: `${channel.name}: its ${channel.platform} members cannot be checked here (${channel.platform} is not connected)` });
      continue;
    }
    let members: string[];
    try {
      members = await membersOf({ tenant, platform: channel.platform, channel: channel.channel });
    } catch (error) {
      refusals.push({ channel: channel.id, name: channel.name, reason: `${channel.name}: its members could not be read (${(error as Error).message})` });
      continue;
    }
    const outside = members.filter((member) => !audience.has(member));
    if (outside.length > 0) {
      refusals.push({ channel: channel.id, name: channel.name, reason: `${channel.name} has ${outside.length} member${outside.length === 1 ? '' : 's'} outside the audience` });
    }
  }
  return refusals;
}
