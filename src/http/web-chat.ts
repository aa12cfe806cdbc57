// The residents' chat page at `/`: Microsoft's Web Chat (served from node_modules, no CDN), the
// page's texts in every language (locales/<lang>/web.json, inlined at serve time), and the
// Direct Line it talks to: the bot's own (local, with or without MICROSOFT_APP_ID) or Azure's.
import { retentionTextVars, type RetentionPolicy } from '../domain/retention';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config';
import type { I18n } from '../i18n';
import { readLocales } from '../i18n';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { addDirectLineRoutes, DIRECTLINE_PATH } from './directline/routes';
import { directLineSecret, type SettingStore } from './directline/secret';
import { TokenSigner } from './directline/tokens';
import type { TurnProcessor } from './directline/turn';
import { allow, clientIp, type RateLimiter } from './rate-limit';
import { projectRoot } from '../paths';

const gzip = promisify(zlib.gzip);
export const WEB_DIR = path.join(projectRoot, 'src', 'web');
const WEBCHAT_JS = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
/** Polling every second: replies are queued by the time the resident's message is acknowledged. */
const POLLING_INTERVAL_MS = 1000;

export type WebChatSettings =
  | { mode: 'local'; localesDir: string; secret: string; limits: { maxConversations: number; maxActivities: number; maxBytes: number; maxAgeMs: number; tokenGraceMs: number } }
  | { mode: 'azure'; localesDir: string; domain: string; secret: string };

export async function webChatSettings(config: Config, localesDir: string, settings: SettingStore): Promise<WebChatSettings> {
  if (config.DIRECTLINE_DOMAIN && config.AZURE_DIRECTLINE_SECRET) {
    return { mode: 'azure', localesDir, domain: config.DIRECTLINE_DOMAIN.replace(/\/$/, ''), secret: config.AZURE_DIRECTLINE_SECRET };
  }
  return {
    mode: 'local',
    localesDir,
    secret: await directLineSecret(config.DIRECTLINE_SECRET, settings),
    limits: { maxConversations: config.DIRECTLINE_MAX_CONVERSATIONS, maxActivities: config.DIRECTLINE_MAX_ACTIVITIES, maxBytes: config.DIRECTLINE_MAX_BYTES,
      maxAgeMs: config.DIRECTLINE_MAX_AGE_SECONDS * 1000, tokenGraceMs: config.DIRECTLINE_TOKEN_GRACE_SECONDS * 1000 },
  };
}

export interface WebChatDeps {
  webChat: WebChatSettings;
  bot: TurnProcessor;
  i18n: I18n;
  log: Logger;
  limiter: RateLimiter;
  trustProxy: number;
  /** The retention periods the privacy note states (src/domain/retention.ts). */
  retention?: RetentionPolicy;
}

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  hash: string;
}

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  const value = key.split('.').reduce<string | Tree | undefined>((node, k) => (typeof node === 'object' ? node[k] : undefined), tree);
  return typeof value === 'string' ? value : undefined;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON that can sit inside <script> without ending it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The page's language: ?lang= (a poster's link), then the browser's languages, then the default. */
export function pageLanguage(req: Request, languages: string[], fallback: string): string {
  const asked = typeof req.query?.lang === 'string' ? req.query.lang : '';
  if (languages.includes(asked)) return asked;
  const accepted = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase().split('-')[0]);
  return accepted.find((l) => languages.includes(l)) ?? fallback;
}

export function addWebChatRoutes(server: Server, deps: WebChatDeps): void {
  const log = deps.log.child({ mod: 'web-chat' });
  const { webChat, i18n } = deps;
  // The default language first, then the others in their folder order (Dansk, العربية, English).
  const languages = [i18n.fallback, ...i18n.languages.filter((l) => l !== i18n.fallback)];
  const web = readLocales(webChat.localesDir).resources;
  const text = Object.fromEntries(
    languages.map((lang) => [lang, {
      ...(web[lang].web as Tree),
      languageName: i18n.nativeName(lang),
      dir: i18n.dir(lang),
      privacyText: i18n.t(lang, 'privacy:summary', retentionTextVars((key, vars) => i18n.t(lang, key, vars), deps.retention)),
    }]),
  );

  const load = (file: string, type: string): Asset => {
    const body = fs.readFileSync(file);
    return { body, type, hash: createHash('sha256').update(body).digest('base64url').slice(0, 12) };
  };
  // A Map, not an object: a name from the URL such as "__proto__" must find nothing (it once
  // found Object.prototype, and the gzip cache written onto it broke every asset).
  const assets = new Map<string, Asset>([
    ['app.js', load(path.join(WEB_DIR, 'app.js'), 'text/javascript; charset=utf-8')],
    ['app.css', load(path.join(WEB_DIR, 'app.css'), 'text/css; charset=utf-8')],
    ['webchat.js', load(WEBCHAT_JS, 'text/javascript; charset=utf-8')],
  ]);
  const assetUrl = (name: string) => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`web page asset ${name} missing`);
    return `/web-chat/${name}?v=${asset.hash}`;
  };
  const template = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');

  const directLine =
    webChat.mode === 'local'
      ? { domain: DIRECTLINE_PATH, tokenUrl: `${DIRECTLINE_PATH}/tokens/generate`, webSocket: false, pollingInterval: POLLING_INTERVAL_MS }
      : { domain: webChat.domain, tokenUrl: '/web-chat/token', webSocket: true, pollingInterval: POLLING_INTERVAL_MS };
  const connectSrc = webChat.mode === 'azure' ? ` ${new URL(webChat.domain).origin} ${new URL(webChat.domain).origin.replace(/^http/, 'ws')}` : '';
  const csp = [
    "default-src 'self'",
    `connect-src 'self'${connectSrc}`,
    // Web Chat styles itself at run time and shows images from data: and blob: URLs.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  function render(lang: string): string {
    const config = { languages, defaultLanguage: i18n.fallback, directLine, text };
    return template.replace(/\{\{([\w.:]+)\}\}/g, (_m, key: string) => {
      if (key === 'lang') return lang;
      if (key === 'dir') return i18n.dir(lang);
      if (key === 'config') return scriptJson(config);
      if (key === 'languageButtons') {
        return languages
          .map((l) => `<button type="button" class="pill" lang="${l}" dir="${i18n.dir(l)}" data-lang="${l}" aria-pressed="${l === lang}">${escapeHtml(i18n.nativeName(l))}</button>`)
          .join('');
      }
      if (key.startsWith('asset:')) return assetUrl(key.slice('asset:'.length));
      const value = lookup(text[lang] as Tree, key);
      if (value === undefined) throw new Error(`web page text ${key} missing for ${lang}`);
      return escapeHtml(value);
    });
  }
  // Renders once per language at start: a missing text fails here, not in front of a resident.
  const pages = Object.fromEntries(languages.map((lang) => [lang, Buffer.from(render(lang))]));

  server.get('/', async (req: Request, res: Response) => {
    const lang = pageLanguage(req, languages, i18n.fallback);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      vary: 'accept-language',
    });
    res.end(pages[lang]);
  });

  server.get('/web-chat/:name', async (req: Request, res: Response) => {
    const asset = assets.get(String(req.params.name));
    if (!asset) {
      res.status(404);
      res.json({ error: 'not_found' });
      return;
    }
    const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gz && !asset.gzipped) asset.gzipped = await gzip(asset.body, { level: 9 });
    res.writeHead(200, {
      'content-type': asset.type,
      // The URL carries the content's hash, so a browser may keep it for good.
      'cache-control': req.query?.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gz ? asset.gzipped : asset.body);
  });

  if (webChat.mode === 'local') {
    addDirectLineRoutes(server, {
      bot: deps.bot, signer: new TokenSigner(webChat.secret), log: deps.log, limits: webChat.limits, limiter: deps.limiter, trustProxy: deps.trustProxy,
    });
  } else {
    addAzureTokenRoute(server, webChat, deps, log);
  }
}

/**
 * Production: the page gets a token for one new conversation; the Direct Line secret stays on the
 * server. The user id is chosen here and embedded in the token, so a page cannot pose as another resident.
 */
function addAzureTokenRoute(server: Server, settings: { domain: string; secret: string }, deps: WebChatDeps, log: Logger): void {
  server.post('/web-chat/token', async (req: Request, res: Response) => {
    // Each token is a call on the Direct Line secret: limited per client address.
    if (!(await allow(deps.limiter, 'webChatToken', clientIp(req, deps.trustProxy), res))) return;
    try {
      const answer = await fetch(`${settings.domain}/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${settings.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('base64url')}` } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!answer.ok) throw Object.assign(new Error('Direct Line refused the token request'), { code: answer.status });
      const { conversationId, token, expires_in } = (await answer.json()) as { conversationId?: string; token?: string; expires_in?: number };
      res.status(200);
      res.header('cache-control', 'no-store');
      res.json({ conversationId, token, expires_in });
    } catch (err) {
      log.error('direct line token failed', errorFields(err));
      res.status(502);
      res.json({ error: { code: 'ServiceUnavailable', message: 'no token from Direct Line' } });
    }
  });
}
