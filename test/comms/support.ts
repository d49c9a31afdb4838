import { join } from 'node:path';
import { activeAccessRules } from '../../src/rules/active-access-rules.ts';
import { saveRuleVersion } from '../../src/rules/save-rule-version.ts';
import { loadAnnouncementSettings } from '../../src/comms/load-announcement-settings.ts';
import { saveAnnouncementSettings } from '../../src/comms/save-announcement-settings.ts';
import type { ChannelMembers } from '../../src/comms/comms-deps.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { examplesDir } from '../support/examples.ts';

/** Loads acme's channels.yml and comms.yml into a database that holds the examples. */
export function loadAcmeAnnouncementSettings(db: Db): void {
  const groups = (db.prepare("SELECT group_id FROM directory_groups WHERE tenant = 'acme'").all() as { group_id: string }[]).map((row) => row.group_id);
  saveAnnouncementSettings(db, 'acme', loadAnnouncementSettings(join(examplesDir, 'acme'), groups), { at: new Date('2026-03-01T00:00:00Z'), by: 'test' });
}

/** Channel members as a platform would report them right now: channel id → directory ids (anything else is nobody). */
export function fakeMembers(channels: Record<string, string[]>): ChannelMembers & { reads: string[] } {
  const reads: string[] = [];
  const members = (async (target) => {
    reads.push(target.channel);
    const list = channels[target.channel];
    if (!list) throw new Error(`no such channel ${target.channel}`);
    return list;
  }) as ChannelMembers & { reads: string[] };
  members.reads = reads;
  return members;
}

export const ukStaff = ['amelia', 'nora', 'omar', 'priya'];

/** Lets the security department draft announcements too (as a tenant may): Grace may then draft from the confidential incident runbook. */
export function letSecurityDraft(db: Db): void {
  const rules = activeAccessRules(db, 'acme');
  const widened = { ...rules, version: `${rules.version}-security-drafts`, allow: rules.allow.map((rule) => (rule.id === 'people-team-drafts' ? { ...rule, groups: ['hr', 'security'] } : rule)) };
  saveRuleVersion(db, 'acme', 'access', widened, { at: '2026-03-01T00:00:00Z', by: 'test' });
}

/** Puts a directory person in every reviewer group of acme, as a colleague added to the groups would be. */
export function joinEveryGroup(db: Db, person: string): void {
  db.prepare("INSERT OR IGNORE INTO directory_group_members (tenant, group_id, user_id) SELECT tenant, group_id, ? FROM directory_groups WHERE tenant = 'acme'").run(person);
}

export const securityRequest = 'draft an announcement about breach notification and the bridge passphrase for security and it staff, concise tone';
