import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnnouncementSettings } from '../../src/comms/load-announcement-settings.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';

const vocabulary = { departments: ['sales', 'engineering'], locations: ['US', 'UK', 'DE'], roles: ['employee', 'manager'] };

describe('parseDraftRequest', () => {
  it('reads topic, audience and tone from chat text', () => {
    expect(parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees, friendly tone', vocabulary)).toEqual({ topic: 'the new UK time-off rules', audience: { locations: ['UK'] }, tone: 'friendly', notes: [] });
    expect(parseDraftRequest('Write an announcement on hotel limits for sales managers in the US, formal', vocabulary)).toEqual({ topic: 'hotel limits', audience: { departments: ['sales'], locations: ['US'], roles: ['manager'] }, tone: 'formal', notes: [] });
    expect(parseDraftRequest('draft a post about travel to Germany in a concise tone\nNote: TripDesk changes on 1 May.', vocabulary)).toEqual({ topic: 'travel to Germany', audience: {}, tone: 'concise', notes: ['TripDesk changes on 1 May.'] });
  });
});

describe('announcement settings files', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-desk-settings-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('default to comms, HR and legal review and no channels', () => {
    expect(loadAnnouncementSettings(folder({}))).toMatchObject({ channels: [], review: { always: ['comms'], sourceOwners: true } });
  });

  it('refuse a bad file naming the file and the field', () => {
    const badPlatform = folder({ 'channels.yml': 'channels:\n  - { id: uk, platform: email, channel: x, name: UK }\n' });
    expect(() => loadAnnouncementSettings(badPlatform)).toThrow(/channels\.yml \(channels\[0\]\.platform\): must be slack or teams/);
    const twice = folder({ 'channels.yml': 'channels:\n  - { id: uk, platform: slack, channel: C1, name: UK }\n  - { id: uk, platform: slack, channel: C2, name: UK2 }\n' });
    expect(() => loadAnnouncementSettings(twice)).toThrow(/channels\[1\]\.id\): "uk" is listed twice/);
    const unknownGroup = folder({ 'comms.yml': 'review:\n  always: [comms, hr-typo]\n' });
    expect(() => loadAnnouncementSettings(unknownGroup, ['comms', 'hr'])).toThrow(/comms\.yml \(review\.always\[1\]\): "hr-typo" is not a group of the directory/);
  });
});
