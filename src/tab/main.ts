// The staff tab in the browser. In Teams: teams-js initialises, the page follows Teams' theme and
// locale and calls the staff API with the Teams SSO token. Outside Teams it says so and offers a
// sign-in with the static staff token (local use). Texts come from locales/<lang>/tab.json,
// served inline by the bot (src/http/tab-page.ts); data is put on the page as text, never as HTML.
import './no-cdn';
import { app, authentication, pages } from '@microsoft/teams-js';
import i18next from 'i18next';
import { api, ApiError, setCredential, type Credential } from './api';
import { el, clear, announce } from './dom';
import { setLanguageNames, t, type Ctx } from './ctx';
import { showActivities } from './views/activities';
import { showHandoffs } from './views/handoffs';
import { showCatalogue } from './views/catalogue';
import { showKnowledge } from './views/knowledge';
import { showPrivacy } from './views/privacy';
import { showClosedDays } from './views/closed-days';

interface TabConfig {
  mode: 'content' | 'config';
  lang: string;
  languages: string[];
  names: Record<string, string>;
  dirs: Record<string, 'ltr' | 'rtl'>;
  strings: Record<string, Record<string, unknown>>;
}

const config = JSON.parse(document.getElementById('tab-config')!.textContent!) as TabConfig;
const root = document.getElementById('app')!;
const TEAMS_TIMEOUT_MS = 4000;
const TOKEN_KEY = 'kvarterbot-staff-token';


type Section = 'activities' | 'handoffs' | 'catalogue' | 'closedDays' | 'knowledge' | 'privacy';
const SECTIONS: Section[] = ['activities', 'handoffs', 'catalogue', 'closedDays', 'knowledge', 'privacy'];
let current: Section = 'activities';
let inTeams = false;

async function setLanguage(lang: string): Promise<void> {
  const chosen = config.languages.includes(lang) ? lang : config.languages[0];
  await i18next.changeLanguage(chosen);
  document.documentElement.lang = chosen;
  document.documentElement.dir = config.dirs[chosen] ?? 'ltr';
  document.title = t('title');
}

/** Teams' themes (default, dark, contrast); outside Teams the system's, or ?theme= for a look. */
function applyTheme(theme: string | undefined): void {
  const wanted = new URLSearchParams(location.search).get('theme') ?? theme;
  const resolved = wanted === 'dark' || wanted === 'contrast' || wanted === 'default' ? wanted
    : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
  document.documentElement.dataset.theme = resolved;
}

/** Resolves with Teams' context, or rejects outside the Teams host (teams-js finds no parent window). */
async function connectTeams(): Promise<app.Context> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('teams-js initialise timed out')), TEAMS_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
    return await app.getContext();
  } finally {
    clearTimeout(timer);
  }
}

function header(): HTMLElement {
  const select = el('select', { id: 'lang', 'aria-label': t('language') });
  for (const l of config.languages) {
    const o = el('option', { value: l, lang: l }, config.names[l]);
    if (l === i18next.language) o.selected = true;
    select.append(o);
  }
  select.addEventListener('change', async () => {
    await setLanguage(select.value);
    render();
  });
  const bar = el('header', { class: 'bar' }, el('h1', {}, t('title')), el('label', { class: 'lang' }, el('span', { class: 'sr-only' }, t('language')), select));
  if (!inTeams) {
    const out = el('button', { type: 'button', class: 'link' }, t('signin.signOut'));
    out.addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      setCredential(null);
      render();
    });
    bar.append(out);
  }
  return bar;
}

function nav(): HTMLElement {
  const list = el('ul', {});
  for (const s of SECTIONS) {
    const b = el('button', { type: 'button', 'aria-current': s === current ? 'page' : 'false' }, t(`nav.${s}`));
    b.addEventListener('click', () => {
      current = s;
      render();
    });
    list.append(el('li', {}, b));
  }
  return el('nav', { 'aria-label': t('nav.label') }, list);
}

const views: Record<Section, (main: HTMLElement, ctx: Ctx) => Promise<void>> = {
  activities: showActivities, handoffs: showHandoffs, catalogue: showCatalogue, closedDays: showClosedDays, knowledge: showKnowledge, privacy: showPrivacy,
};

function render(): void {
  clear(root);
  if (!api.signedIn()) return signIn();
  const main = el('main', { id: 'main', tabindex: '-1' });
  root.append(header(), nav(), el('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }), main);
  const ctx: Ctx = { fail: showError };
  views[current](main, ctx).catch(showError);
}

function showError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) {
    if (!inTeams) {
      sessionStorage.removeItem(TOKEN_KEY);
      setCredential(null);
      render();
    }
    return announce(t('error.unauthorised'), true);
  }
  const known = err instanceof ApiError && ['full', 'notAvailable', 'invalid', 'below_taken', 'past', 'too_long'].includes(err.code);
  announce(known ? t(`error.${err.code}`, err.details) : t('error.generic'), true);
}

function signIn(): void {
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: '' });
  const problem = el('p', { class: 'problem', role: 'alert' });
  const form = el('form', { class: 'card signin' },
    el('h1', {}, t('signin.heading')),
    el('p', { class: 'notice' }, t('teams.outside')),
    el('label', { for: 'token' }, t('signin.token')), input,
    el('button', { type: 'submit', class: 'primary' }, t('signin.submit')), problem);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const credential: Credential = { kind: 'token', token: input.value.trim() };
    setCredential(credential);
    try {
      await api.get('/api/staff/activities');
      sessionStorage.setItem(TOKEN_KEY, credential.token);
      render();
    } catch {
      setCredential(null);
      problem.textContent = t('signin.wrong');
    }
  });
  root.append(el('main', { id: 'main' }, form));
  input.focus();
}

/** The configurable tab's settings page: nothing to choose, the tab is the same for the whole team. */
function configPage(): void {
  pages.config.registerOnSaveHandler((save) => {
    const url = `${location.origin}/tab`;
    pages.config.setConfig({ contentUrl: url, websiteUrl: url, entityId: 'kvarterbot-staff', suggestedDisplayName: 'Kvarterbot' })
      .then(() => save.notifySuccess(), () => save.notifyFailure());
  });
  pages.config.setValidityState(true);
  clear(root);
  root.append(el('main', { id: 'main' }, el('h1', {}, t('title')), el('p', {}, t('teams.signedIn'))));
}

async function start(): Promise<void> {
  await i18next.init({ lng: config.lang, fallbackLng: config.languages[0], resources: Object.fromEntries(config.languages.map((l) => [l, { translation: config.strings[l] }])), interpolation: { escapeValue: false } });
  setLanguageNames(config.names);
  await setLanguage(config.lang);
  applyTheme(undefined);
  root.replaceChildren(el('p', { class: 'notice', role: 'status' }, t('teams.connecting')));
  let context: app.Context | null = null;
  try {
    context = await connectTeams();
  } catch {
    context = null;
  }
  if (!context) {
    // Outside Teams: the page says so and offers the static token (kept for this browser tab only).
    document.documentElement.dataset.host = 'browser';
    const saved = sessionStorage.getItem(TOKEN_KEY);
    setCredential(saved ? { kind: 'token', token: saved } : null);
    return render();
  }
  inTeams = true;
  document.documentElement.dataset.host = 'teams';
  applyTheme(context.app.theme);
  app.registerOnThemeChangeHandler((theme) => applyTheme(theme));
  await setLanguage((context.app.locale ?? '').split('-')[0].toLowerCase());
  if (config.mode === 'config') return configPage();
  setCredential({ kind: 'sso', get: () => authentication.getAuthToken() });
  try {
    await api.get('/api/staff/activities');
  } catch {
    root.replaceChildren(el('p', { class: 'problem', role: 'alert' }, t('teams.noToken')));
    app.notifyFailure({ reason: app.FailedReason.AuthFailed, message: 'sso' });
    return;
  }
  app.notifySuccess();
  render();
}

void start();
