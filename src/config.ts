// Every environment variable the bot reads, parsed once. The only reader of process.env.
import { z } from 'zod';
import { parseOfficeHours } from './domain/office-hours';

const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
/** "20/10" → 20 per 10 seconds. */
function parseRate(value: string): { points: number; seconds: number } | null {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(value);
  const rate = m ? { points: Number(m[1]), seconds: Number(m[2]) } : null;
  return rate && rate.points >= 1 && rate.seconds >= 1 ? rate : null;
}
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => parseRate(v) ?? (ctx.addIssue({ code: 'custom', message: 'must look like "20/10" (count/seconds)' }), z.NEVER));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  // Default: 0.0.0.0 with MICROSOFT_APP_ID; without it (anonymous, local development) 127.0.0.1.
  HOST: optionalString,
  DATABASE_URL: z
    .string()
    .default('file:./data/kvarterbot.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), 'must start with file: (SQLite) or postgresql:// (PostgreSQL)'),
  // The address residents reach the bot on (links in messages, e.g. calendar files). Default: http://localhost:PORT
  PUBLIC_URL: optionalUrl,
  DEFAULT_LANGUAGE: z.string().regex(/^[a-z]{2,3}$/).default('da'),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  // Only for sovereign clouds and offline tests: where channel tokens' signing keys are published.
  BOT_OPENID_METADATA_URL: optionalUrl,
  // Bearer token for /api/staff/* outside Teams: long and random (e.g. `openssl rand -hex 32`).
  STAFF_API_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(4000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(262_144),
  // How long a turn holds its activity id without renewing it (renewed while it runs). A channel's
  // retry after a crash mid-turn runs the turn again once this has passed; earlier retries wait for it.
  ACTIVITY_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SEED_CATALOGUE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  // The programme's last day (YYYY-MM-DD): no session after it, and the bot says an offer has ended.
  // Unset: prisma/catalogue.json's programme.endsOn. "none": no end, whatever the file says.
  PROGRAMME_ENDS_ON: z
    .preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .refine((v) => v === 'none' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toJSON()?.startsWith(v) === true), { message: 'must be a day YYYY-MM-DD or "none"' })
        .optional(),
    )
    .transform((v) => (v === 'none' ? null : v)),
  // Teams handoff (who may set the staff channel: src/bot/handoff/staff-channel.ts). STAFF_TEAMS_CHANNEL_ID
  // fixes it: no activity from Teams moves it. Unset, the first install in the tenant sets it.
  // STAFF_TEAMS_TEAM_ID: only that team may set or move it. Tenant: only that tenant's Teams may act as staff.
  STAFF_TEAMS_CHANNEL_ID: optionalString,
  STAFF_TEAMS_TEAM_ID: optionalString,
  STAFF_TEAMS_SERVICE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().default('https://smba.trafficmanager.net/teams/')),
  TEAMS_TENANT_ID: optionalString,
  // The Teams app's id in the manifest (a GUID); default MICROSOFT_APP_ID.
  TEAMS_APP_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(GUID, 'must be a GUID').optional()),
  // Staff tab SSO (src/http/staff-sso.ts): Entra ID tokens from Teams are accepted on /api/staff/* when the
  // tenant (TEAMS_TENANT_ID or MICROSOFT_APP_TENANT_ID) and MICROSOFT_APP_ID are set. Audience default: teamsAppIdUri();
  // metadata default: Microsoft's v2.0 OpenID metadata for the tenant. GROUP_ID: only members of that Entra group.
  STAFF_SSO_AUDIENCE: optionalString,
  STAFF_SSO_OPENID_METADATA_URL: optionalUrl,
  STAFF_SSO_GROUP_ID: optionalString,
  STAFF_LANGUAGE: z.string().regex(/^[a-z]{2,3}$/).default('da'),
  // When staff are at work (Copenhagen time), e.g. "mon-thu 09:00-15:00; fri 09:00-13:00".
  OFFICE_HOURS: z
    .string()
    .default('mon-thu 09:00-15:00; fri 09:00-13:00')
    .transform((v, ctx) => {
      const hours = parseOfficeHours(v);
      if (!hours) ctx.addIssue({ code: 'custom', message: 'must look like "mon-thu 09:00-15:00; fri 09:00-13:00"' });
      return hours ?? z.NEVER;
    }),
  // How residents reach the programme outside the chat (phone, e-mail, address), shown when no staff
  // channel is set up, e.g. "tlf. 12 34 56 78 (man–tors 9–15) eller helhedsplan@example.dk".
  PROGRAMME_CONTACT: optionalString,
  // A deployment's practical facts and referral contacts (address, opening hours, phone, prices …), a JSON
  // file over prisma/knowledge.json (README, "Facts and referrals"). Unset: those facts stay unknown.
  KNOWLEDGE_FILE: optionalString,
  // A handoff nobody has taken reminds the staff channel after this many minutes (fractions allowed).
  HANDOFF_RENOTIFY_MINUTES: z.coerce.number().positive().max(1440).default(15),
  // A child under 15 who signs up alone holds the seat this long for a parent's yes (link or code); no answer releases it.
  GUARDIAN_ANSWER_HOURS: z.coerce.number().positive().max(720).default(72),
  // A proactive message that could not be sent is tried again after this many seconds (doubling, at most hourly).
  NOTICE_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // Signs the local Direct Line's tokens (web chat). Unset: generated once and kept in the database.
  DIRECTLINE_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32).optional()),
  // Production web chat through Azure Direct Line instead of the local one, e.g. https://europe.directline.botframework.com/v3/directline
  DIRECTLINE_DOMAIN: optionalUrl,
  AZURE_DIRECTLINE_SECRET: optionalString,
  // Anonymous mode answers anyone who reaches the port: it listens on loopback only, unless this says otherwise.
  ALLOW_UNAUTHENTICATED_PUBLIC: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // Behind a reverse proxy: how many proxies in front add X-Forwarded-For (0: the socket's address is the client).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // Rate limits, "<count>/<seconds>" (README, "Security").
  RATE_LIMIT_MESSAGES: rate('20/10'),
  RATE_LIMIT_HANDOFFS: rate('3/3600'),
  RATE_LIMIT_HANDOFFS_PER_IP: rate('10/3600'),
  RATE_LIMIT_DIRECTLINE_PER_IP: rate('30/600'),
  RATE_LIMIT_PARSE_PER_IP: rate('60/60'),
  RATE_LIMIT_WEB_CHAT_TOKEN_PER_IP: rate('30/600'),
  // The local Direct Line's memory: open conversations, and per conversation activities and bytes kept.
  DIRECTLINE_MAX_CONVERSATIONS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  DIRECTLINE_MAX_ACTIVITIES: z.coerce.number().int().min(10).max(100_000).default(300),
  DIRECTLINE_MAX_BYTES: z.coerce.number().int().min(16_384).max(100_000_000).default(262_144),
  // Its tokens: a conversation's end (no refresh goes past it), and how long a replaced token still works.
  DIRECTLINE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(86_400),
  DIRECTLINE_TOKEN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
  // Retention (issue 14, src/domain/retention.ts): days after an activity's session ended before a
  // registration's personal data goes (0: when it is over), and at the latest months after sign-up (at
  // most 12, as the consent text promises); idle conversations and residents with nothing left; closed
  // handoffs' messages. /privacy and the README show these values.
  RETENTION_AFTER_END_DAYS: z.coerce.number().int().min(0).max(365).default(0),
  RETENTION_MAX_MONTHS: z.coerce.number().int().min(1).max(12).default(12),
  RETENTION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  RETENTION_TRANSCRIPT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type Config = Omit<z.infer<typeof schema>, 'PUBLIC_URL' | 'HOST'> & { PUBLIC_URL: string; HOST: string; databaseProvider: 'sqlite' | 'postgres' };

export class ConfigError extends Error {}

/** Parses an environment; a wrong value throws one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k]]));
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const c = parsed.data;
  if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !c.MICROSOFT_APP_PASSWORD) {
    throw new ConfigError('Invalid environment variable MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
  }
  if (c.DIRECTLINE_DOMAIN && !c.AZURE_DIRECTLINE_SECRET) {
    throw new ConfigError('Invalid environment variable AZURE_DIRECTLINE_SECRET: required when DIRECTLINE_DOMAIN is set');
  }
  const anonymousPublic = !c.MICROSOFT_APP_ID && !c.ALLOW_UNAUTHENTICATED_PUBLIC;
  if (anonymousPublic && c.HOST && !isLoopback(c.HOST)) {
    throw new ConfigError(
      'Invalid environment variable HOST: without MICROSOFT_APP_ID the bot is unauthenticated and listens on loopback only; set MICROSOFT_APP_ID, or ALLOW_UNAUTHENTICATED_PUBLIC=true if you accept that anyone reaching the port can post as any channel',
    );
  }
  return {
    ...c,
    HOST: c.HOST ?? (anonymousPublic ? '127.0.0.1' : '0.0.0.0'),
    PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    databaseProvider: c.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgres',
  };
}

/** The Teams app's SSO resource (manifest webApplicationInfo.resource, the Entra app's Application ID URI): api://<PUBLIC_URL host>/<MICROSOFT_APP_ID>. */
export function teamsAppIdUri(config: Pick<Config, 'PUBLIC_URL' | 'MICROSOFT_APP_ID'>): string | undefined {
  return config.MICROSOFT_APP_ID ? `api://${new URL(config.PUBLIC_URL).host}/${config.MICROSOFT_APP_ID}` : undefined;
}

/** Only what the Teams app manifest needs (npm run manifest): an app id and an address, no secrets. */
export function loadManifestConfig(
  env: Record<string, string | undefined> = process.env,
): Pick<Config, 'MICROSOFT_APP_ID' | 'PUBLIC_URL' | 'TEAMS_APP_ID' | 'STAFF_LANGUAGE' | 'DEFAULT_LANGUAGE'> {
  const manifestSchema = schema.pick({ MICROSOFT_APP_ID: true, PUBLIC_URL: true, TEAMS_APP_ID: true, STAFF_LANGUAGE: true, DEFAULT_LANGUAGE: true });
  const parsed = manifestSchema.safeParse(Object.fromEntries(Object.keys(manifestSchema.shape).map((k) => [k, env[k]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  if (!parsed.data.PUBLIC_URL) throw new ConfigError('Invalid environment variable PUBLIC_URL: required for the Teams app manifest');
  return { ...parsed.data, PUBLIC_URL: parsed.data.PUBLIC_URL.replace(/\/$/, '') };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
