import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../src/errors.ts';
import { pngSize } from './encode-png.ts';
import { writeZip } from './write-zip.ts';

export const appPackageDir = fileURLToPath(new URL('../app-package/', import.meta.url));

/** The bot id the committed manifest carries until packaging puts the real one in. */
export const placeholderBotId = '00000000-0000-0000-0000-000000000000';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Manifest = { id: string; version: string; developer: Record<string, string>; bots: { botId: string }[]; icons: { color: string; outline: string } };

/**
 * The Teams app package: `manifest.json` with the bot's Microsoft App ID
 * (TEAMS_APP_ID) in place of the placeholder, and the two icons, zipped at
 * the root as Teams wants them. Optional: TEAMS_APP_PACKAGE_ID (the Teams
 * app's own id), TEAMS_APP_VERSION, and the developer's website, privacy
 * and terms URLs (TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL,
 * TEAMS_APP_TERMS_URL). Refuses to package without a valid bot id, or with
 * icons of the wrong size.
 */
export function buildAppPackage(env: Record<string, string | undefined> = process.env, dir = appPackageDir): { zip: Buffer; manifest: Manifest } {
  const botId = env.TEAMS_APP_ID?.trim();
  if (!botId || !guid.test(botId)) throw new UsageError('TEAMS_APP_ID must be the bot’s Microsoft App ID (a GUID) to build the Teams app package');
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as Manifest;
  for (const bot of manifest.bots) if (bot.botId === placeholderBotId) bot.botId = botId;
  const packageId = env.TEAMS_APP_PACKAGE_ID?.trim();
  if (packageId) {
    if (!guid.test(packageId)) throw new UsageError('TEAMS_APP_PACKAGE_ID must be a GUID');
    manifest.id = packageId;
  }
  if (env.TEAMS_APP_VERSION?.trim()) manifest.version = env.TEAMS_APP_VERSION.trim();
  for (const [variable, field] of [['TEAMS_APP_WEBSITE_URL', 'websiteUrl'], ['TEAMS_APP_PRIVACY_URL', 'privacyUrl'], ['TEAMS_APP_TERMS_URL', 'termsOfUseUrl']] as const) {
    const url = env[variable]?.trim();
    if (!url) continue;
    if (!/^https:\/\//.test(url)) throw new UsageError(`${variable} must be an https URL`);
    manifest.developer[field] = url;
  }
  const icons = [
    { name: manifest.icons.color, size: 192 },
    { name: manifest.icons.outline, size: 32 },
  ].map((icon) => {
    const data = readFileSync(`${dir}${icon.name}`);
    const size = pngSize(data);
    if (!size || size.width !== icon.size || size.height !== icon.size) throw new UsageError(`${icon.name} must be a ${icon.size}x${icon.size} PNG`);
    return { name: icon.name, data };
  });
  const zip = writeZip([{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...icons]);
  return { zip, manifest };
}
