// Builds the Teams app package from config: manifest.json (v1.22) for the bot (personal and team
// scopes) and the staff tab, the icons, and a localization file per extra language, zipped with
// everything at the root. Texts come from locales/<lang>/handoff.json (manifest.*).
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../src/config';
import { createI18n, defaultLocalesDir } from '../src/i18n';
import { ACCENT } from './manifest-icons';
import { writeZip, type ZipEntry } from './manifest-files';
import { LOCALIZATION_SCHEMA_URL, SCHEMA_URL, MANIFEST_VERSION, localizationSchema, manifestSchema, type TeamsManifest } from './manifest-schema';

export class ManifestError extends Error {}

export const MANIFEST_DIR = path.resolve(__dirname, '..', 'manifest');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppPackage {
  manifest: TeamsManifest;
  files: ZipEntry[];
  zip: Buffer;
}

/** The translatable fields, by the JSON paths Teams' localization files use. */
function texts(t: (key: string) => string): Record<string, string> {
  return {
    'name.short': t('handoff:manifest.shortName'),
    'name.full': t('handoff:manifest.fullName'),
    'description.short': t('handoff:manifest.shortDescription'),
    'description.full': t('handoff:manifest.fullDescription'),
    'bots[0].commandLists[0].commands[0].title': t('handoff:manifest.useChannelTitle'),
    'bots[0].commandLists[0].commands[0].description': t('handoff:manifest.useChannelDescription'),
    'bots[0].commandLists[0].commands[1].title': t('handoff:manifest.helpTitle'),
    'bots[0].commandLists[0].commands[1].description': t('handoff:manifest.helpDescription'),
  };
}

export function buildAppPackage(config: Config, opts: { localesDir?: string; version?: string } = {}): AppPackage {
  const botId = config.MICROSOFT_APP_ID;
  if (!botId || !GUID.test(botId)) throw new ManifestError("MICROSOFT_APP_ID must be the Azure Bot's app id (a GUID)");
  const base = new URL(config.PUBLIC_URL);
  if (base.protocol !== 'https:') throw new ManifestError('PUBLIC_URL must be the https address Teams reaches the bot on');
  const root = config.PUBLIC_URL.replace(/\/$/, '');
  const host = base.host;
  const version = opts.version ?? (JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

  const i18n = createI18n({ localesDir: opts.localesDir ?? defaultLocalesDir, fallback: config.DEFAULT_LANGUAGE });
  const main = i18n.languages.includes(config.STAFF_LANGUAGE) ? config.STAFF_LANGUAGE : i18n.fallback;
  const others = i18n.languages.filter((l) => l !== main);
  const t = texts((key) => i18n.t(main, key));

  const manifest = manifestSchema.parse({
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: config.TEAMS_APP_ID ?? botId,
    localizationInfo: { defaultLanguageTag: main, additionalLanguages: others.map((l) => ({ languageTag: l, file: `${l}.json` })) },
    developer: {
      name: i18n.t(main, 'handoff:manifest.developerName'),
      websiteUrl: `${root}/`,
      privacyUrl: `${root}/privacy`,
      termsOfUseUrl: `${root}/terms`,
    },
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
    // No tab until the staff tab page exists: a tab pointing at nothing would greet staff with an error.
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [host],
    // The app's Entra ID identity: resource-specific consent (below) needs it.
    webApplicationInfo: { id: botId, resource: `api://${host}/${botId}` },
    // Staff replies in a handoff thread reach the bot without @mentioning it.
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  });

  const localizations = others.map((l) => {
    const file = localizationSchema.parse({ $schema: LOCALIZATION_SCHEMA_URL, ...texts((key) => i18n.t(l, key)) });
    return { name: `${l}.json`, data: Buffer.from(JSON.stringify(file, null, 2) + '\n') };
  });
  const files: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') },
    { name: 'color.png', data: fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')) },
    { name: 'outline.png', data: fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')) },
    ...localizations,
  ];
  return { manifest, files, zip: writeZip(files) };
}
