// The staff tab at /tab (and /tab/config, the configurable tab's settings page): a page the bot
// serves itself, its script bundled from src/tab/ with esbuild (at `npm run build` into
// dist/tab/; from source, in memory at the first request), its texts from locales/<lang>/tab.json.
// The one page Teams may frame: frame-ancestors names Teams' hosts instead of 'none'.
import fs from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { Request, Response, Server } from 'restify';
import type { I18n } from '../i18n';
import { readLocales } from '../i18n';
import { projectRoot } from '../paths';
import { escapeHtml, pageLanguage } from './web-chat';

export const TAB_SOURCE = path.join(projectRoot, 'src', 'tab');
export const TAB_BUNDLE = path.join(projectRoot, 'dist', 'tab', 'app.js');
/** The same options as `npm run build`'s esbuild call (package.json). */
export const TAB_BUILD: BuildOptions = { entryPoints: [path.join(TAB_SOURCE, 'main.ts')], bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none' };

/** Where Teams, Outlook and the Microsoft 365 app show tabs (Microsoft's list for frame-ancestors). */
const TEAMS_HOSTS = [
  'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://teams.cloud.microsoft', 'https://*.cloud.microsoft',
  'https://teams.live.com', 'https://*.office.com', 'https://*.microsoft365.com', 'https://outlook.office.com', 'https://outlook.office365.com',
];
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", `frame-ancestors 'self' ${TEAMS_HOSTS.join(' ')}`,
].join('; ');

const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

async function bundle(): Promise<Buffer> {
  // Built code reads the bundle `npm run build` made; source (tsx, jest) bundles the source it runs.
  if (!__filename.endsWith('.ts') && fs.existsSync(TAB_BUNDLE)) return fs.readFileSync(TAB_BUNDLE);
  const esbuild = await import('esbuild');
  const out = await esbuild.build({ ...TAB_BUILD, write: false, logLevel: 'silent' });
  return Buffer.from(out.outputFiles![0].contents);
}

export function addTabPage(server: Server, deps: { i18n: I18n }): void {
  const { i18n } = deps;
  const all = readLocales(path.join(projectRoot, 'locales')).resources;
  // Danish first (the default), then every language that has the tab's texts.
  const languages = [i18n.fallback, ...i18n.languages.filter((l) => l !== i18n.fallback)].filter((l) => all[l]?.tab);
  const strings = Object.fromEntries(languages.map((l) => [l, all[l].tab]));
  const names = Object.fromEntries(languages.map((l) => [l, i18n.nativeName(l)]));
  const css = fs.readFileSync(path.join(TAB_SOURCE, 'tab.css'));
  let script: Promise<Buffer> | null = null;

  const page = (req: Request, mode: 'content' | 'config') => {
    const lang = pageLanguage(req, languages, i18n.fallback);
    const config = { mode, lang, languages, names, dirs: Object.fromEntries(languages.map((l) => [l, i18n.dir(l)])), strings };
    const title = escapeHtml(String((strings[lang] as Record<string, unknown>).title));
    return `<!doctype html>
<html lang="${lang}" dir="${i18n.dir(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="/tab/tab.css">
</head>
<body>
<div id="app"><p class="notice" role="status">…</p></div>
<script type="application/json" id="tab-config">${scriptJson(config)}</script>
<script src="/tab/app.js"></script>
</body>
</html>
`;
  };

  const html = (mode: 'content' | 'config') => async (req: Request, res: Response) => {
    res.removeHeader('x-frame-options');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': CSP, vary: 'accept-language',
    });
    res.end(page(req, mode));
  };
  server.get('/tab', html('content'));
  server.get('/tab/config', html('config'));
  server.get('/tab/tab.css', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(css);
  });
  server.get('/tab/app.js', async (_req: Request, res: Response) => {
    script ??= bundle().catch((err) => {
      script = null;
      throw err;
    });
    const body = await script;
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(body);
  });
}
