// Builds the Teams app package from config: manifest.json (v1.22) for the bot (personal and team
// scopes) and the staff tab (a personal tab, and a tab staff add to their team's channel), the
// icons in manifest/, and a localization file per extra language, zipped with everything at the
// root. Texts come from locales/<lang>/handoff.json (manifest.*).
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { teamsAppIdUri, type Config } from '../src/config';
import { createI18n, defaultLocalesDir } from '../src/i18n';
import {
  LOCALIZATION_SCHEMA_URL,
  MANIFEST_VERSION,
  SCHEMA_URL,
  iconProblems,
  localizationProblems,
  ruleProblems,
  schemaProblems,
  type TeamsManifest,
} from './manifest-validate';

export class ManifestError extends Error {}

export const MANIFEST_DIR = path.resolve(__dirname, '..', 'manifest');
const ACCENT = '#1F6F5C';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A fixed date inside the zip, so the same input gives the same package byte for byte.
const BUILT = new Date('2026-01-01T00:00:00Z');

/** What the manifest needs from the deployment: no secrets. */
export type ManifestConfig = Pick<Config, 'MICROSOFT_APP_ID' | 'PUBLIC_URL' | 'TEAMS_APP_ID' | 'STAFF_LANGUAGE' | 'DEFAULT_LANGUAGE'>;

export interface PackageFile {
  name: string;
  data: Buffer;
}

export interface AppPackage {
  manifest: TeamsManifest;
  files: PackageFile[];
  zip: Buffer;
}

/** The translatable fields, by the JSON paths Teams' localization files use. */
function texts(t: (key: string) => string): Record<string, string> {
  return {
    'name.short': t('handoff:manifest.shortName'),
    'name.full': t('handoff:manifest.fullName'),
    'description.short': t('handoff:manifest.shortDescription'),
    'description.full': t('handoff:manifest.fullDescription'),
    'staticTabs[0].name': t('handoff:manifest.staffTabName'),
    'bots[0].commandLists[0].commands[0].title': t('handoff:manifest.useChannelTitle'),
    'bots[0].commandLists[0].commands[0].description': t('handoff:manifest.useChannelDescription'),
    'bots[0].commandLists[0].commands[1].title': t('handoff:manifest.helpTitle'),
    'bots[0].commandLists[0].commands[1].description': t('handoff:manifest.helpDescription'),
  };
}

function manifestFor(config: ManifestConfig, botId: string, lang: string, others: string[], version: string, t: Record<string, string>, developerName: string): TeamsManifest {
  const root = config.PUBLIC_URL.replace(/\/$/, '');
  const host = new URL(root).host;
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: config.TEAMS_APP_ID ?? botId,
    localizationInfo: { defaultLanguageTag: lang, additionalLanguages: others.map((l) => ({ languageTag: l, file: `${l}.json` })) },
    developer: { name: developerName, websiteUrl: `${root}/`, privacyUrl: `${root}/privacy`, termsOfUseUrl: `${root}/terms` },
    name: { short: t['name.short'], full: t['name.full'] },
    description: { short: t['description.short'], full: t['description.full'] },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId,
        // personal: residents and staff can chat with it; team: the staff channel with the handoff threads.
        scopes: ['personal', 'team'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: ['team'],
            commands: [
              { title: t['bots[0].commandLists[0].commands[0].title'], description: t['bots[0].commandLists[0].commands[0].description'] },
              { title: t['bots[0].commandLists[0].commands[1].title'], description: t['bots[0].commandLists[0].commands[1].description'] },
            ],
          },
        ],
      },
    ],
    // The staff tab: for one staff member in the app's personal space, and in the staff team's channel.
    staticTabs: [{ entityId: 'staff', name: t['staticTabs[0].name'], contentUrl: `${root}/tab`, websiteUrl: `${root}/tab`, scopes: ['personal'] }],
    configurableTabs: [{ configurationUrl: `${root}/tab/config`, canUpdateConfiguration: true, scopes: ['team'], context: ['channelTab'] }],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [host],
    // The app's Entra ID identity: Teams SSO for the tab, and resource-specific consent (below).
    webApplicationInfo: { id: botId, resource: teamsAppIdUri({ PUBLIC_URL: root, MICROSOFT_APP_ID: botId }) },
    // Staff replies in a handoff thread reach the bot without @mentioning it.
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  };
}

function check(what: string, found: string[]): void {
  if (found.length) throw new ManifestError(`${what}: ${found.join('; ')}`);
}

export function buildAppPackage(config: ManifestConfig, opts: { localesDir?: string; version?: string } = {}): AppPackage {
  const botId = config.MICROSOFT_APP_ID;
  if (!botId || !GUID.test(botId)) throw new ManifestError("MICROSOFT_APP_ID must be the Azure Bot's app id (a GUID)");
  if (new URL(config.PUBLIC_URL).protocol !== 'https:') throw new ManifestError('PUBLIC_URL must be the https address Teams reaches the bot on');
  const version = opts.version ?? (JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

  const i18n = createI18n({ localesDir: opts.localesDir ?? defaultLocalesDir, fallback: config.DEFAULT_LANGUAGE });
  const main = i18n.languages.includes(config.STAFF_LANGUAGE) ? config.STAFF_LANGUAGE : i18n.fallback;
  const others = i18n.languages.filter((l) => l !== main);
  const manifest = manifestFor(config, botId, main, others, version, texts((key) => i18n.t(main, key)), i18n.t(main, 'handoff:manifest.developerName'));
  check('manifest.json', [...schemaProblems(manifest), ...ruleProblems(manifest)]);

  const localizations = others.map((l) => {
    const file = { $schema: LOCALIZATION_SCHEMA_URL, ...texts((key) => i18n.t(l, key)) };
    check(`${l}.json`, localizationProblems(file));
    return { name: `${l}.json`, data: Buffer.from(JSON.stringify(file, null, 2) + '\n') };
  });
  const color = fs.readFileSync(path.join(MANIFEST_DIR, 'color.png'));
  const outline = fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png'));
  check('icons', iconProblems(color, outline));

  const files: PackageFile[] = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') },
    { name: 'color.png', data: color },
    { name: 'outline.png', data: outline },
    ...localizations,
  ];
  const entries: Zippable = Object.fromEntries(files.map((f) => [f.name, [new Uint8Array(f.data), { mtime: BUILT }]]));
  return { manifest, files, zip: Buffer.from(zipSync(entries, { level: 9 })) };
}
