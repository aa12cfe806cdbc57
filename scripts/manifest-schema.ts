// The rules of the Teams app manifest v1.22 that this app relies on, written as a zod schema from
// Microsoft's reference (learn.microsoft.com › microsoftteams/platform/resources/schema/manifest-schema).
// The JSON schema itself is only published online, and the build must work offline. Objects are
// strict: a misspelt key fails here instead of being ignored by Teams.
import { z } from 'zod';

export const MANIFEST_VERSION = '1.22';
export const SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

const guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');
const httpsUrl = z.string().max(2048).regex(/^https:\/\/\S+$/, 'must be an https URL');
const relativeFile = z.string().max(2048).regex(/^[^/\\:][^\\:]*$/, 'must be a file path relative to the package');
const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

const command = z.strictObject({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });

const bot = z.strictObject({
  botId: guid,
  scopes: z.array(z.enum(['team', 'personal', 'groupChat', 'copilot'])).min(1).max(4),
  needsChannelSelector: z.boolean().optional(),
  isNotificationOnly: z.boolean().optional(),
  supportsFiles: z.boolean().optional(),
  supportsCalling: z.boolean().optional(),
  supportsVideo: z.boolean().optional(),
  commandLists: z
    .array(z.strictObject({ scopes: z.array(z.enum(['team', 'personal', 'groupChat', 'copilot'])).min(1), commands: z.array(command).min(1).max(10) }))
    .max(3)
    .optional(),
});

const staticTab = z.strictObject({
  entityId: z.string().min(1).max(64),
  name: z.string().max(128).optional(),
  contentUrl: httpsUrl.optional(),
  contentBotId: guid.optional(),
  websiteUrl: httpsUrl.optional(),
  searchUrl: httpsUrl.optional(),
  scopes: z.array(z.enum(['personal', 'team', 'groupChat'])).min(1).max(3),
  context: z.array(z.enum(['personalTab', 'channelTab', 'privateChatTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage', 'teamLevelApp'])).optional(),
});

const configurableTab = z.strictObject({
  configurationUrl: httpsUrl,
  canUpdateConfiguration: z.boolean().optional(),
  scopes: z.array(z.enum(['team', 'groupChat'])).min(1).max(2),
  context: z.array(z.enum(['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage'])).optional(),
  sharePointPreviewImage: relativeFile.optional(),
  supportedSharePointHosts: z.array(z.enum(['sharePointFullPage', 'sharePointWebPart'])).optional(),
});

/** A domain Teams may load; no bare wildcard, no wildcard top-level domain ("*.com"). */
const validDomain = z
  .string()
  .max(2048)
  .refine((d) => d !== '*' && !/^\*\.[^.]+$/.test(d) && !/^https?:/.test(d) && !d.includes('/'), 'must be a host name (no scheme, path or wildcard TLD)');

export const manifestSchema = z
  .strictObject({
    $schema: z.literal(SCHEMA_URL),
    manifestVersion: z.literal(MANIFEST_VERSION),
    version: z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be MAJOR.MINOR.PATCH').max(256),
    id: guid,
    localizationInfo: z
      .strictObject({
        defaultLanguageTag: languageTag,
        defaultLanguageFile: relativeFile.optional(),
        additionalLanguages: z.array(z.strictObject({ languageTag, file: relativeFile })).optional(),
      })
      .optional(),
    developer: z.strictObject({
      name: z.string().min(1).max(32),
      mpnId: z.string().max(10).optional(),
      websiteUrl: httpsUrl,
      privacyUrl: httpsUrl,
      termsOfUseUrl: httpsUrl,
    }),
    name: z.strictObject({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
    description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
    icons: z.strictObject({ color: relativeFile, outline: relativeFile }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    configurableTabs: z.array(configurableTab).max(1).optional(),
    staticTabs: z.array(staticTab).max(16).optional(),
    bots: z.array(bot).max(1).optional(),
    permissions: z.array(z.enum(['identity', 'messageTeamMembers'])).optional(),
    validDomains: z.array(validDomain).max(16).optional(),
    webApplicationInfo: z.strictObject({ id: guid, resource: z.string().max(2048).optional() }).optional(),
    authorization: z
      .strictObject({
        permissions: z.strictObject({
          resourceSpecific: z.array(z.strictObject({ name: z.string().min(1), type: z.enum(['Application', 'Delegated']) })).optional(),
        }),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    // Every page Teams loads must be on a valid domain.
    const hosts = new Set(m.validDomains ?? []);
    const urls = [...(m.staticTabs ?? []).flatMap((t) => [t.contentUrl, t.websiteUrl]), ...(m.configurableTabs ?? []).map((t) => t.configurationUrl)];
    for (const url of urls) {
      if (url && !hosts.has(new URL(url).host)) ctx.addIssue({ code: 'custom', message: `${url} is not on a valid domain`, path: ['validDomains'] });
    }
    const ids = (m.staticTabs ?? []).map((t) => t.entityId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'staticTabs entityId must be unique', path: ['staticTabs'] });
  });

export type TeamsManifest = z.infer<typeof manifestSchema>;

/** A localization file: the strings of the manifest that can be translated, by JSON path. */
export const localizationSchema = z
  .object({
    $schema: z.literal(LOCALIZATION_SCHEMA_URL),
    'name.short': z.string().min(1).max(30),
    'name.full': z.string().max(100).optional(),
    'description.short': z.string().min(1).max(80),
    'description.full': z.string().min(1).max(4000),
  })
  .catchall(z.string())
  .superRefine((file, ctx) => {
    for (const [key, value] of Object.entries(file)) {
      if (key === '$schema' || /^(name|description)\./.test(key)) continue;
      const max = /^staticTabs\[\d+\]\.name$/.test(key) ? 128 : /\.commands\[\d+\]\.title$/.test(key) ? 32 : /\.commands\[\d+\]\.description$/.test(key) ? 128 : 0;
      if (!max) ctx.addIssue({ code: 'custom', message: `${key} is not a translatable manifest field`, path: [key] });
      else if (value.length > max) ctx.addIssue({ code: 'custom', message: `${key} is longer than ${max}`, path: [key] });
    }
  });
