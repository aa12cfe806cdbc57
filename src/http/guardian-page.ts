// GET|POST /guardian/<token>: a parent's yes or no to their child's sign-up (issue 14). A plain page
// in the reader's language (?lang=, else the browser's) with a language switch, right-to-left for
// Arabic, readable on a phone and with no script at all: yes/no is a form POST to the same URL
// (`answer=yes|no`). The unguessable, single-use token is the secret (stored hashed): the page shows
// what the child signed up for and what is stored only to whoever holds it, and is never cached,
// framed or sent on as a Referer. Texts in locales/<lang>/guardian.json.
import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { guardianDetailLines, openForAnswer, type GuardianCase, type GuardianRepository } from '../domain/guardian';
import { textFor, type Catalogue } from '../domain/catalogue';
import type { I18n } from '../i18n';
import type { Logger } from '../log';
import { escapeHtml, pageLanguage } from './web-chat';

export interface GuardianPageDeps {
  guardians: GuardianRepository;
  catalogue: Catalogue;
  i18n: I18n;
  log: Logger;
  now?: () => Date;
}

const CSS = `body{margin:0;font:18px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;color:#1b2a30;background:#f6f8f9}
main{max-width:36rem;margin:0 auto;padding:1rem 1.25rem 3rem}nav{display:flex;gap:.75rem;flex-wrap:wrap;margin-bottom:1rem}
a{color:#0b5d75}h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0 1rem}p{margin:.35rem 0}ul{padding-inline-start:1.2rem}
form{display:flex;flex-direction:column;gap:.75rem;margin-top:1.25rem}
button{font:inherit;padding:.9rem 1rem;border-radius:.6rem;border:2px solid #0b5d75;cursor:pointer}
button[value=yes]{background:#0b5d75;color:#fff}button[value=no]{background:#fff;color:#0b5d75}
.done{padding:1rem;background:#fff;border-radius:.6rem;border:1px solid #c9d6db}`;
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

const answerBody = z.object({ answer: z.enum(['yes', 'no']) });
/** base64url of 32 random bytes (src/domain/guardian.ts). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function addGuardianPage(server: Server, deps: GuardianPageDeps): void {
  const { i18n } = deps;
  const log = deps.log.child({ mod: 'guardian-page' });
  const languages = [i18n.fallback, ...i18n.languages.filter((l) => l !== i18n.fallback)];
  const now = deps.now ?? (() => new Date());

  function page(res: Response, status: number, lang: string, body: string): void {
    const t = (key: string) => escapeHtml(i18n.t(lang, `guardian:page.${key}`));
    const links = languages
      .map((l) => (l === lang ? `<span lang="${l}" dir="${i18n.dir(l)}">${escapeHtml(i18n.nativeName(l))}</span>` : `<a href="?lang=${l}" hreflang="${l}" lang="${l}" dir="${i18n.dir(l)}">${escapeHtml(i18n.nativeName(l))}</a>`))
      .join('');
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex, nofollow',
      vary: 'accept-language',
    });
    res.end(`<!doctype html>
<html lang="${lang}" dir="${i18n.dir(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${t('title')}</title><style>${CSS}</style></head>
<body><main><nav aria-label="${t('language')}">${links}</nav><h1>${t('title')}</h1>${body}
<p><a href="/privacy?lang=${lang}">${t('privacy')}</a></p></main></body></html>`);
  }

  const message = (lang: string, key: string) => `<p class="done" role="status">${escapeHtml(i18n.t(lang, `guardian:page.${key}`))}</p>`;

  async function question(lang: string, c: GuardianCase): Promise<string> {
    const t = (key: string) => escapeHtml(i18n.t(lang, `guardian:page.${key}`));
    const activity = await deps.catalogue.byId(c.activityId);
    const title = activity ? textFor(activity, lang, i18n.fallback).title : c.activityId;
    const when = c.sessionStartsAt ? dateTime(lang).format(c.sessionStartsAt) : null;
    const details = guardianDetailLines(c, (key, vars) => i18n.t(lang, key, vars), { title, when }).map((line) => `<li>${escapeHtml(line)}</li>`).join('');
    return `<p>${t('intro')}</p><ul>${details}</ul><form method="post" action="?lang=${lang}"><p><strong>${t('question')}</strong></p>
<button type="submit" name="answer" value="yes">${t('yes')}</button><button type="submit" name="answer" value="no">${t('no')}</button></form>`;
  }

  /** A link that cannot be one is not looked up. */
  async function find(req: Request): Promise<GuardianCase | null> {
    const token = String(req.params?.token ?? '');
    return TOKEN.test(token) ? deps.guardians.byToken(token) : null;
  }

  // The session's date as the chat writes it (Copenhagen time, the language's own words).
  const formats = new Map<string, Intl.DateTimeFormat>();
  function dateTime(lang: string): Intl.DateTimeFormat {
    const locale = i18n.t(lang, 'common:meta.dateLocale');
    let f = formats.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Copenhagen', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
      formats.set(locale, f);
    }
    return f;
  }

  const closedKey = (c: GuardianCase) => (c.answer !== null || c.status === 'cancelled' ? 'answered' : 'expired');

  server.get('/guardian/:token', async (req: Request, res: Response) => {
    const lang = pageLanguage(req, languages, i18n.fallback);
    const c = await find(req);
    if (!c) return page(res, 404, lang, message(lang, 'notFound'));
    if (!openForAnswer(c, now())) return page(res, 410, lang, message(lang, closedKey(c)));
    page(res, 200, lang, await question(lang, c));
  });

  server.post('/guardian/:token', async (req: Request, res: Response) => {
    const lang = pageLanguage(req, languages, i18n.fallback);
    const c = await find(req);
    if (!c) return page(res, 404, lang, message(lang, 'notFound'));
    const parsed = answerBody.safeParse(req.body);
    if (!parsed.success) return page(res, 400, lang, await question(lang, c));
    const out = await deps.guardians.answer(c.requestId, parsed.data.answer, 'page', now());
    if (!out.ok) return page(res, out.reason === 'not_found' ? 404 : 410, lang, message(lang, out.reason === 'not_found' ? 'notFound' : out.reason));
    deps.catalogue.invalidate();
    log.info('guardian answered', { requestId: c.requestId, via: 'page' });
    const done = parsed.data.answer === 'no' ? 'doneNo' : out.status === 'waitlisted' ? 'doneYesWaitlisted' : 'doneYes';
    page(res, 200, lang, message(lang, done));
  });
}
