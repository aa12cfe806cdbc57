// The Teams app package: built from config, valid against the manifest v1.22 rules (zod, written
// from Microsoft's reference; no network), with both icons and the localization files at the root.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config';
import { buildAppPackage } from '../scripts/manifest-build';
import { localizationSchema, manifestSchema } from '../scripts/manifest-schema';
import { readPng, readZip } from './support/zip-png';

const APP_ID = '0f6b5c1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const env = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', PUBLIC_URL: 'https://kvarterbot.charlottekvarteret.dk' };
const root = path.resolve(__dirname, '..');

test('the package holds manifest.json, both icons and a localization file per extra language, at its root', () => {
  const files = readZip(buildAppPackage(loadConfig(env)).zip);
  expect(files.map((f) => f.name).sort()).toEqual(['ar.json', 'color.png', 'en.json', 'manifest.json', 'outline.png']);
  const manifest = manifestSchema.parse(JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString('utf8')));
  for (const l of manifest.localizationInfo!.additionalLanguages!) {
    const file = localizationSchema.parse(JSON.parse(files.find((f) => f.name === l.file)!.data.toString('utf8')));
    expect(file['name.short']).toBe('Kvarterbot');
  }
  const ar = JSON.parse(files.find((f) => f.name === 'ar.json')!.data.toString('utf8'));
  expect(ar['name.short']).toBe('Kvarterbot');
  expect(ar['bots[0].commandLists[0].commands[0].title']).toMatch(/[\u0600-\u06FF]/);
});

test('the manifest comes from config: app id, host name, the bot in personal and team scope, no tab until there is one', () => {
  const { manifest } = buildAppPackage(loadConfig({ ...env, TEAMS_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }));
  expect(manifest).toMatchObject({
    manifestVersion: '1.22',
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    bots: [{ botId: APP_ID, scopes: ['personal', 'team'] }],
    validDomains: ['kvarterbot.charlottekvarteret.dk'],
    webApplicationInfo: { id: APP_ID, resource: `api://kvarterbot.charlottekvarteret.dk/${APP_ID}` },
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  });
  expect(manifest.staticTabs).toBeUndefined();
  expect(manifest.configurableTabs).toBeUndefined();
  expect(manifest.name.short).toBe('Kvarterbot');
  expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
});

test('icons: colour 192×192, outline 32×32 white on transparent', () => {
  const files = readZip(buildAppPackage(loadConfig(env)).zip);
  const color = readPng(files.find((f) => f.name === 'color.png')!.data);
  expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
  const outline = readPng(files.find((f) => f.name === 'outline.png')!.data);
  expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
  let transparent = 0;
  for (let i = 0; i < outline.pixels.length; i += 4) {
    const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
    if (a === 0) transparent++;
    else expect([r, g, b]).toEqual([255, 255, 255]);
  }
  expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
});

test('the schema is not a formality: it catches what Teams would refuse', () => {
  const { manifest } = buildAppPackage(loadConfig(env));
  const fails = (change: (m: any) => void) => {
    const m = structuredClone(manifest) as any;
    change(m);
    return !manifestSchema.safeParse(m).success;
  };
  expect(fails(() => undefined)).toBe(false);
  expect(fails((m) => (m.name.short = 'Kvarterbot for Charlottekvarteret'))).toBe(true);
  // A tab on a host outside validDomains.
  expect(fails((m) => (m.staticTabs = [{ entityId: 'x', name: 'X', contentUrl: 'https://elsewhere.example.com/tab', scopes: ['personal'] }]))).toBe(true);
  expect(fails((m) => (m.staticTabs = [{ entityId: 'x', name: 'X', contentUrl: 'https://kvarterbot.charlottekvarteret.dk/tab', scopes: ['personal'] }]))).toBe(false);
  expect(fails((m) => (m.bots[0].botId = 'not-a-guid'))).toBe(true);
  expect(fails((m) => (m.bots[0].scopes = ['everywhere']))).toBe(true);
  expect(fails((m) => (m.validDomains = ['*.dk']))).toBe(true);
  expect(fails((m) => (m.accentColor = 'green'))).toBe(true);
  expect(fails((m) => (m.developer.privacyUrl = 'http://kvarterbot.charlottekvarteret.dk/privacy'))).toBe(true);
  expect(fails((m) => (m.bot = m.bots))).toBe(true);
});

test('without an app id or an https address the build says what is missing', () => {
  expect(() => buildAppPackage(loadConfig({ PUBLIC_URL: 'https://kvarterbot.example.dk' }))).toThrow(/MICROSOFT_APP_ID/);
  expect(() => buildAppPackage(loadConfig({ ...env, PUBLIC_URL: 'http://localhost:3978' }))).toThrow(/PUBLIC_URL must be the https address/);
});

test('npm run manifest writes the package into manifest/build/', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.scripts.manifest).toBe('node --require tsx/cjs scripts/manifest.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', 'scripts/manifest.ts'], { cwd: root, env: { ...process.env, ...env } });
  expect(stdout).toMatch(/manifest\/build\/kvarterbot-teams\.zip/);
  const names = readZip(fs.readFileSync(path.join(root, 'manifest', 'build', 'kvarterbot-teams.zip'))).map((f) => f.name);
  expect(names).toContain('manifest.json');
});
