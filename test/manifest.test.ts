// The Teams app package: built from config, valid against Microsoft's own JSON schemas for
// manifest v1.22 (from @microsoft/app-manifest, offline), with both icons and the localization
// files at the root of the zip, and the staff tab on the bot's own address.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { loadManifestConfig } from '../src/config';
import { buildAppPackage } from '../scripts/manifest-build';
import { iconProblems, localizationProblems, ruleProblems, schemaProblems, type TeamsManifest } from '../scripts/manifest-validate';

const APP_ID = '0f6b5c1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const HOST = 'kvarterbot.charlottekvarteret.dk';
const env = { MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: `https://${HOST}` };
const root = path.resolve(__dirname, '..');

function unzip(zip: Buffer): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip))).map(([name, data]) => [name, Buffer.from(data)]));
}
const json = (data: Buffer) => JSON.parse(data.toString('utf8'));

test('the package holds manifest.json, both icons and a localization file per extra language, at its root, all valid', () => {
  const files = unzip(buildAppPackage(loadManifestConfig(env)).zip);
  expect(Object.keys(files).sort()).toEqual(['ar.json', 'color.png', 'en.json', 'manifest.json', 'outline.png']);
  const manifest = json(files['manifest.json']) as TeamsManifest;
  expect(schemaProblems(manifest)).toEqual([]);
  expect(ruleProblems(manifest)).toEqual([]);
  expect(manifest.localizationInfo?.additionalLanguages?.map((l) => l.file)).toEqual(['ar.json', 'en.json']);
  for (const name of ['ar.json', 'en.json']) {
    expect(localizationProblems(json(files[name]))).toEqual([]);
    expect(json(files[name])['name.short']).toBe('Kvarterbot');
  }
  const ar = json(files['ar.json']);
  expect(ar['bots[0].commandLists[0].commands[0].title']).toMatch(/[\u0600-\u06FF]/);
  expect(ar['staticTabs[0].name']).toMatch(/[\u0600-\u06FF]/);
  expect(json(files['en.json'])['staticTabs[0].name']).toBe('Staff');
});

test('the manifest comes from config: app id, host name, the bot in personal and team scope, the staff tab, SSO', () => {
  const { manifest } = buildAppPackage(loadManifestConfig({ ...env, TEAMS_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }));
  expect(manifest).toMatchObject({
    manifestVersion: '1.22',
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    bots: [{ botId: APP_ID, scopes: ['personal', 'team'] }],
    staticTabs: [{ entityId: 'staff', name: 'Medarbejdere', contentUrl: `https://${HOST}/tab`, scopes: ['personal'] }],
    configurableTabs: [{ configurationUrl: `https://${HOST}/tab/config`, scopes: ['team'] }],
    validDomains: [HOST],
    webApplicationInfo: { id: APP_ID, resource: `api://${HOST}/${APP_ID}` },
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  });
  expect(manifest.name.short).toBe('Kvarterbot');
  expect(manifest.version).toBe(json(fs.readFileSync(path.join(root, 'package.json'))).version);
});

test('the same input gives the same package, byte for byte', () => {
  expect(buildAppPackage(loadManifestConfig(env)).zip.equals(buildAppPackage(loadManifestConfig(env)).zip)).toBe(true);
});

test('icons: colour 192×192, outline 32×32 white on transparent', () => {
  const files = unzip(buildAppPackage(loadManifestConfig(env)).zip);
  const color = PNG.sync.read(files['color.png']);
  expect([color.width, color.height]).toEqual([192, 192]);
  const outline = PNG.sync.read(files['outline.png']);
  expect([outline.width, outline.height]).toEqual([32, 32]);
  expect(iconProblems(files['color.png'], files['outline.png'])).toEqual([]);
  // The check is not a formality: the colour icon as an outline fails it.
  expect(iconProblems(files['color.png'], files['color.png'])).toEqual(expect.arrayContaining([expect.stringMatching(/outline.png is 192×192/)]));
});

test("Microsoft's schema and the rules beside it catch what Teams would refuse", () => {
  const { manifest } = buildAppPackage(loadManifestConfig(env));
  const fails = (change: (m: any) => void) => {
    const m = structuredClone(manifest) as any;
    change(m);
    return [...schemaProblems(m), ...ruleProblems(m)].length > 0;
  };
  expect(fails(() => undefined)).toBe(false);
  expect(fails((m) => (m.name.short = 'Kvarterbot for Charlottekvarteret'))).toBe(true);
  expect(fails((m) => (m.staticTabs[0].contentUrl = 'https://elsewhere.example.com/tab'))).toBe(true);
  expect(fails((m) => (m.configurableTabs[0].configurationUrl = 'http://kvarterbot.charlottekvarteret.dk/tab/config'))).toBe(true);
  expect(fails((m) => (m.webApplicationInfo.resource = `api://elsewhere.example.com/${APP_ID}`))).toBe(true);
  expect(fails((m) => (m.webApplicationInfo.resource = `api://${HOST}/another-id`))).toBe(true);
  expect(fails((m) => (m.bots[0].botId = 'not-a-guid'))).toBe(true);
  expect(fails((m) => (m.bots[0].scopes = ['everywhere']))).toBe(true);
  expect(fails((m) => (m.accentColor = 'green'))).toBe(true);
  expect(fails((m) => (m.developer.privacyUrl = `http://${HOST}/privacy`))).toBe(true);
  expect(fails((m) => (m.bot = m.bots))).toBe(true);
  expect(localizationProblems({ 'name.short': 'x', 'bots[0].title': 'misspelt path' })).not.toEqual([]);
});

test('without an app id or an https address the build says what is missing', () => {
  expect(() => buildAppPackage(loadManifestConfig({ PUBLIC_URL: 'https://kvarterbot.example.dk' }))).toThrow(/MICROSOFT_APP_ID/);
  expect(() => buildAppPackage(loadManifestConfig({ ...env, PUBLIC_URL: 'http://localhost:3978' }))).toThrow(/PUBLIC_URL must be the https address/);
  expect(() => loadManifestConfig({ MICROSOFT_APP_ID: APP_ID })).toThrow(/PUBLIC_URL/);
});

test('npm run manifest writes the package into manifest/build/ from the app id and the address alone (no password)', async () => {
  const pkg = json(fs.readFileSync(path.join(root, 'package.json')));
  expect(pkg.scripts.manifest).toBe('node --require tsx/cjs scripts/manifest.ts');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MICROSOFT_APP')));
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', 'scripts/manifest.ts'], { cwd: root, env: { ...clean, ...env } });
  expect(stdout).toMatch(/manifest\/build\/kvarterbot-teams\.zip/);
  const names = Object.keys(unzip(fs.readFileSync(path.join(root, 'manifest', 'build', 'kvarterbot-teams.zip'))));
  expect(names).toContain('manifest.json');
});
