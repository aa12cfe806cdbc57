// i18next set-up. Every string a person reads is in locales/<lang>/<namespace>.json; a new
// folder there is a new language. Values put into right-to-left sentences are bidi-isolated
// so a Danish name or a phone number cannot scramble the Arabic around it.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n as I18next, type Resource } from 'i18next';
import { projectRoot } from './paths';

export type T = (key: string, vars?: Record<string, unknown>) => string;
export type Direction = 'ltr' | 'rtl';

export interface I18n {
  languages: string[];
  fallback: string;
  t(lang: string, key: string, vars?: Record<string, unknown>): string;
  fixedT(lang: string): T;
  /** A list kept in a locale (e.g. words that mean "stop"); empty when missing. */
  list(lang: string, key: string): string[];
  /** Words joined as the language joins them: "navn, fødselsår og telefonnummer", "الاسم وسنة الميلاد". */
  joinWords(lang: string, words: string[]): string;
  dir(lang: string): Direction;
  /** The language's own name, e.g. "العربية". */
  nativeName(lang: string): string;
}

export const defaultLocalesDir = path.join(projectRoot, 'locales');
const FSI = '\u2068';
const PDI = '\u2069';
const MEMO_SIZE = 2000;

/** Wraps a value in First-Strong-Isolate … Pop-Directional-Isolate. */
export function isolate(value: string): string {
  return FSI + value + PDI;
}

export function readLocales(dir: string): { languages: string[]; resources: Resource; namespaces: string[] } {
  const languages = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'common.json')))
    .map((d) => d.name)
    .sort();
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lang of languages) {
    resources[lang] = {};
    for (const file of fs.readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json'))) {
      const ns = file.replace(/\.json$/, '');
      namespaces.add(ns);
      resources[lang][ns] = JSON.parse(fs.readFileSync(path.join(dir, lang, file), 'utf8'));
    }
  }
  return { languages, resources, namespaces: [...namespaces] };
}

export function createI18n(opts: { localesDir?: string; fallback: string }): I18n {
  const { languages, resources, namespaces } = readLocales(opts.localesDir ?? defaultLocalesDir);
  if (!languages.includes(opts.fallback)) throw new Error(`DEFAULT_LANGUAGE ${opts.fallback} has no folder in locales/`);
  const instance: I18next = i18next.createInstance();
  const dirs = new Map<string, Direction>(
    languages.map((l) => [l, ((resources[l].common as { meta?: { dir?: Direction } }).meta?.dir ?? 'ltr') as Direction]),
  );
  // A formatter plugin sees every interpolated value (alwaysFormat) with the language it goes into.
  const bidiFormatter = {
    type: 'formatter' as const,
    init: () => undefined,
    add: () => undefined,
    addCached: () => undefined,
    format: (value: unknown, _format: unknown, lng?: string) =>
      lng && dirs.get(lng) === 'rtl' && (typeof value === 'string' || typeof value === 'number') ? isolate(String(value)) : value,
  };
  void instance.use(bidiFormatter as never).init({
    resources,
    lng: opts.fallback,
    fallbackLng: opts.fallback,
    supportedLngs: languages,
    ns: namespaces,
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: {
      escapeValue: false,
      alwaysFormat: true,
    },
  });
  const fixed = new Map(languages.map((l) => [l, instance.getFixedT(l)]));

  // The texts never change while the process runs, so a translation is remembered: the same menu,
  // welcome and activity lines are asked for on almost every turn (i18next's interpolation and the
  // bidi formatter cost ~50 µs a call). Bounded, so names put into sentences do not pile up.
  const memo = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const t = (lang: string, key: string, vars?: Record<string, unknown>): string => {
    const language = fixed.has(lang) ? lang : opts.fallback;
    const memoKey = vars ? `${language}\u0000${key}\u0000${JSON.stringify(vars)}` : `${language}\u0000${key}`;
    let text = memo.get(memoKey);
    if (text === undefined) {
      text = String(fixed.get(language)!(key, vars as never));
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(memoKey, text);
    }
    return text;
  };
  return {
    languages,
    fallback: opts.fallback,
    t,
    fixedT: (lang) => (key, vars) => t(lang, key, vars),
    list: (lang, key) => {
      // Word lists are read several times a turn (sign-up verbs, person words, stop words): each
      // read once, a copy handed out so a caller may change its own.
      const language = fixed.has(lang) ? lang : opts.fallback;
      const listKey = `${language}\u0000${key}`;
      let list = lists.get(listKey);
      if (!list) {
        const value = fixed.get(language)!(key, { returnObjects: true }) as unknown;
        list = Array.isArray(value) ? value.map(String) : [];
        lists.set(listKey, list);
      }
      return [...list];
    },
    joinWords: (lang, words) => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(words),
    dir: (lang) => dirs.get(lang) ?? 'ltr',
    nativeName: (lang) => (instance.getResource(lang, 'common', 'meta.name') as string) ?? lang,
  };
}

