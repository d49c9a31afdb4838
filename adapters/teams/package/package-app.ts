/**
 * `npm run teams:package [-- --out FILE]`: builds the Teams app package
 * (default `dist/policy-desk-teams.zip`) with the bot id from TEAMS_APP_ID.
 * Upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams
 * admin center.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PolicyDeskError } from '../../../src/errors.ts';
import { buildAppPackage } from './build-app-package.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : 'dist/policy-desk-teams.zip');
try {
  const { zip, manifest } = buildAppPackage();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(`wrote ${out} (${zip.length} bytes): app ${manifest.id} version ${manifest.version}, bot ${manifest.bots[0]?.botId}\n`);
} catch (error) {
  if (!(error instanceof PolicyDeskError)) throw error;
  process.stderr.write(`teams:package: ${error.message}\n`);
  process.exit(2);
}
