// npm run manifest: the Teams app package for this deployment, from the environment
// (MICROSOFT_APP_ID, PUBLIC_URL, optionally TEAMS_APP_ID and STAFF_LANGUAGE), into manifest/build/.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadManifestConfig } from '../src/config';
import { MANIFEST_DIR, ManifestError, buildAppPackage } from './manifest-build';

function main(): void {
  const pkg = buildAppPackage(loadManifestConfig());
  const out = path.join(MANIFEST_DIR, 'build');
  fs.mkdirSync(out, { recursive: true });
  for (const f of pkg.files) fs.writeFileSync(path.join(out, f.name), f.data);
  const zip = path.join(out, 'kvarterbot-teams.zip');
  fs.writeFileSync(zip, pkg.zip);
  process.stdout.write(`${path.relative(process.cwd(), zip)}: upload it in Teams (Apps → Manage your apps → Upload an app)\n`);
}

try {
  main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof ManifestError) {
    process.stderr.write(`manifest: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
