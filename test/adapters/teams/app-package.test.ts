import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { appPackageDir, buildAppPackage, placeholderBotId } from '../../../adapters/teams/package/build-app-package.ts';
import { crc32 } from '../../../adapters/teams/package/crc32.ts';
import { pngSize } from '../../../adapters/teams/package/encode-png.ts';

// Both are CommonJS modules whose export is their `default`.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** Microsoft's JSON Schema for manifest v1.29 (draft-04), kept in the repository with its licence; compiled once. */
let validator: ReturnType<InstanceType<typeof Ajv>['compile']> | undefined;
function manifestValidator() {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(`${appPackageDir}schema/teams-app-manifest.v1.29.schema.json`, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Reads a zip's entries back through its central directory, checking each one's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, compressed, size, nameLength, extra, comment, local] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const botId = '3f1e9c57-8d2a-4b6e-9f0c-7a1b2c3d4e5f';

describe('the Teams app package', () => {
  it('has a manifest.json that validates against Microsoft’s v1.29 schema', () => {
    const validate = manifestValidator();
    const manifest = JSON.parse(readFileSync(`${appPackageDir}manifest.json`, 'utf8'));
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.29');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('the schema check is real: a manifest missing what Teams needs is refused', () => {
    const validate = manifestValidator();
    const manifest = JSON.parse(readFileSync(`${appPackageDir}manifest.json`, 'utf8'));
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'policy-desk' }] })).toBe(false);
    const { icons: _icons, ...withoutIcons } = manifest;
    expect(validate(withoutIcons)).toBe(false);
    expect(validate({ ...manifest, manifestVersion: '1.28' })).toBe(false);
    expect(validate({ ...manifest, accentColor: 'green' })).toBe(false);
  });

  it('has real PNG icons: color 192x192, outline 32x32', () => {
    expect(pngSize(readFileSync(`${appPackageDir}color.png`))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readFileSync(`${appPackageDir}outline.png`))).toEqual({ width: 32, height: 32 });
  });

  it('builds a zip with the manifest (bot id from TEAMS_APP_ID) and both icons at its root', () => {
    const { zip } = buildAppPackage({ TEAMS_APP_ID: botId, TEAMS_APP_PRIVACY_URL: 'https://acme.example/privacy' });
    const entries = readZip(zip);
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.bots[0].botId).toBe(botId);
    expect(manifest.developer.privacyUrl).toBe('https://acme.example/privacy');
    expect(JSON.stringify(manifest)).not.toContain(placeholderBotId);
    expect(manifestValidator()(manifest)).toBe(true);
    expect(entries.get('color.png')).toEqual(readFileSync(`${appPackageDir}color.png`));
  });

  it('refuses to package without a bot id', () => {
    expect(() => buildAppPackage({})).toThrow(/TEAMS_APP_ID/);
    expect(() => buildAppPackage({ TEAMS_APP_ID: 'policy-desk' })).toThrow(/GUID/);
  });
});
