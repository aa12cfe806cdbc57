// Checks a Teams app package before it is zipped: the manifest and its localization files against
// Microsoft's own JSON schemas for manifest v1.22 (shipped offline by @microsoft/app-manifest; they
// are draft-04, hence ajv-draft-04), then the few rules those schemas cannot express.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import type { TeamsManifestV1D22 } from '@microsoft/app-manifest';

export type TeamsManifest = TeamsManifestV1D22.TeamsManifestV1D22;
export const MANIFEST_VERSION = '1.22';
export const SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

const schemaDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
const readSchema = (name: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')) as object;

// strict: false because Microsoft's schemas use keywords draft-04 does not know (e.g. "const");
// the localization schema's patterns use \b, which the 'u' flag rejects.
const manifestValidator = addFormats(new Ajv({ strict: false, allErrors: true })).compile(readSchema('MicrosoftTeams.schema.json'));
const localizationValidator = addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })).compile(
  readSchema('MicrosoftTeams.Localization.schema.json'),
);

function problems(errors: typeof manifestValidator.errors): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** What Microsoft's v1.22 schema says is wrong with a manifest (empty: valid). */
export function schemaProblems(manifest: unknown): string[] {
  return manifestValidator(manifest) ? [] : problems(manifestValidator.errors);
}

/** What the v1.22 localization schema says is wrong with a localization file (empty: valid). */
export function localizationProblems(file: unknown): string[] {
  return localizationValidator(file) ? [] : problems(localizationValidator.errors);
}

const host = (url: string | undefined) => (url ? new URL(url).host : undefined);

/**
 * Rules Teams enforces that the JSON schema does not state: https only (its "httpsUrl" also lets
 * http through), tab pages on a valid domain, the SSO resource naming the app's own id.
 */
export function ruleProblems(manifest: TeamsManifest): string[] {
  const out: string[] = [];
  const domains = new Set(manifest.validDomains ?? []);
  const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
  const pages = [
    ...(manifest.staticTabs ?? []).flatMap((t) => [t.contentUrl, t.websiteUrl]),
    ...(manifest.configurableTabs ?? []).map((t) => t.configurationUrl),
  ];
  for (const url of [websiteUrl, privacyUrl, termsOfUseUrl, ...pages]) {
    if (url && !/^https:\/\//.test(url)) out.push(`${url} is not https`);
  }
  for (const url of pages) {
    const h = host(url);
    if (h && !domains.has(h)) out.push(`${url} is not on a validDomain`);
  }
  const sso = manifest.webApplicationInfo;
  if (sso?.resource) {
    const h = host(sso.resource);
    if (sso.resource !== `api://${h}/${sso.id}`) out.push('webApplicationInfo.resource must be api://<host>/<webApplicationInfo.id>');
    if (!h || !domains.has(h)) out.push('webApplicationInfo.resource must be on a validDomain');
  }
  return out;
}

/** Teams' icon rules: colour 192×192, outline 32×32 with only white and transparent pixels. */
export function iconProblems(color: Buffer, outline: Buffer): string[] {
  const out: string[] = [];
  const c = PNG.sync.read(color);
  if (c.width !== 192 || c.height !== 192) out.push(`color.png is ${c.width}×${c.height}, must be 192×192`);
  const o = PNG.sync.read(outline);
  if (o.width !== 32 || o.height !== 32) out.push(`outline.png is ${o.width}×${o.height}, must be 32×32`);
  let transparent = 0;
  for (let i = 0; i < o.data.length; i += 4) {
    const [r, g, b, a] = o.data.subarray(i, i + 4);
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      out.push('outline.png must be white on transparent');
      break;
    }
  }
  if (transparent === 0) out.push('outline.png needs a transparent background');
  return out;
}
