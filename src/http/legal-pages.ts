// /privacy and /terms: what the Teams app's details and the web chat link to, in plain language and
// in the reader's language (?lang=, else the browser's). Texts in locales/<lang>/legal.json; the
// order of the sections is the same in every language, so it lives here.
import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { I18n } from '../i18n';
import { PROMISED_RETENTION, retentionTextVars, type RetentionPolicy } from '../domain/retention';
import { escapeHtml, pageLanguage } from './web-chat';

const PAGES = {
  privacy: ['who', 'what', 'why', 'access', 'time', 'rights'],
  terms: ['what', 'mistakes', 'emergency', 'person', 'kind'],
} as const;

const CSS = `body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;color:#1b2a30;background:#f6f8f9}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 3rem}nav{display:flex;gap:.75rem;flex-wrap:wrap;margin-bottom:1rem}
a{color:#0b5d75}h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .25rem}p{margin:.25rem 0}`;
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The retention periods the texts state: the job's own configuration (src/domain/retention.ts). */
export function retentionVars(i18n: I18n, lang: string, policy: RetentionPolicy): Record<string, unknown> {
  return retentionTextVars((key, vars) => i18n.t(lang, key, vars), policy);
}

export function addLegalPages(server: Server, deps: { i18n: I18n; retention?: RetentionPolicy }): void {
  const { i18n } = deps;
  const languages = [i18n.fallback, ...i18n.languages.filter((l) => l !== i18n.fallback)];
  const t = (lang: string, key: string) => escapeHtml(i18n.t(lang, `legal:${key}`, retentionVars(i18n, lang, deps.retention ?? PROMISED_RETENTION)));

  function render(page: keyof typeof PAGES, lang: string): Buffer {
    const links = languages
      .map((l) => (l === lang ? `<span lang="${l}" dir="${i18n.dir(l)}">${escapeHtml(i18n.nativeName(l))}</span>` : `<a href="?lang=${l}" hreflang="${l}" lang="${l}" dir="${i18n.dir(l)}">${escapeHtml(i18n.nativeName(l))}</a>`))
      .join('');
    const sections = PAGES[page]
      .map((s) => `<section><h2>${t(lang, `${page}.${s}.heading`)}</h2>${t(lang, `${page}.${s}.text`).split('\n').map((line) => `<p>${line}</p>`).join('')}</section>`)
      .join('');
    return Buffer.from(`<!doctype html>
<html lang="${lang}" dir="${i18n.dir(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(lang, `${page}.title`)}</title><style>${CSS}</style></head>
<body><main><nav aria-label="${t(lang, 'meta.languages')}">${links}</nav><h1>${t(lang, `${page}.title`)}</h1>${sections}
<p><a href="/?lang=${lang}">${t(lang, 'meta.back')}</a></p></main></body></html>`);
  }

  for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
    // Rendered once per language at start: a missing text fails here, not in front of a reader.
    const rendered = Object.fromEntries(languages.map((lang) => [lang, render(page, lang)]));
    server.get(`/${page}`, async (req: Request, res: Response) => {
      const lang = pageLanguage(req, languages, i18n.fallback);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        vary: 'accept-language',
      });
      res.end(rendered[lang]);
    });
  }
}
