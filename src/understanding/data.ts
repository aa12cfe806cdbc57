// Reads locales/<lang>/nlu/*.json. A language is any folder of `localesDir` with an `nlu/` folder;
// adding a language means adding a folder, not code.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AgePattern {
  p: string;
  min?: number;
  max?: number;
  /** Whose age the phrase gives: "jeg er {n}" → self, "ibni 3omro {n}" → child. */
  who?: string;
  /** A school class gives an age: "7. klasse" → {n} + 6 years. */
  offset?: number;
  /** A phrase without a number that still gives an age: "الصف السابع" → 13. */
  age?: number;
}

export interface EntityData {
  categories: Record<string, string[]>;
  categoryExclusions: string[];
  negations: string[];
  numberMarkers: string[];
  ordinals: Record<string, number>;
  numberFillers: string[];
  agePatterns: AgePattern[];
  birthYearMarkers: string[];
  /** Who is asking or meant (entities.ts): audience words, self/child, wishes, activity aliases. */
  audiences: Record<string, string[]>;
  who: Record<string, string[]>;
  wishes: Record<string, string[]>;
  activityAliases: Record<string, string[]>;
  /** Whole phrases that describe an activity ("lave ting med min søn i værkstedet"): matched exactly, never word by word. */
  activityPhrases?: Record<string, string[]>;
  genericNameWords: string[];
  /**
   * Question words by what they ask ("when", "where", "price", "who"), in every spelling residents
   * use (dialect, Arabizi, typos). A one-word spelling the intent model never saw is read as the
   * list's first one-word entry, so "wa9tash", "hvorår" or "wher" ask what "متى", "hvornår", "where" ask.
   */
  questions: Record<string, string[]>;
}

export interface LanguageData {
  names: string[];
  scripts: string[];
  cues: Array<{ pattern: string; weight: number }>;
  scriptPriors: Record<string, number>;
  langidText: string[];
  /** Words that make a named language a topic ("classes", "lære", "دروس"), not a wish to switch. */
  subjectWords: string[];
  /** Words that may sit between the language and the subject word ("language", "sprog", "لغة"). */
  subjectFillers: string[];
}

export interface EmergencyData {
  patterns: string[];
  exclude: string[];
}

export interface LocaleNlu {
  lang: string;
  intents: Record<string, string[]>;
  entities: EntityData;
  language: LanguageData;
  emergency: EmergencyData;
}

function readJson(file: string): unknown {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`understanding: cannot parse ${file}: ${(e as Error).message}`);
  }
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0) : [];
}

function stringLists(v: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(obj(v))) {
    if (k === 'comment') continue;
    out[k] = strings(list);
  }
  return out;
}

/** Folders of `localesDir` that contain `nlu/`, sorted. */
export function nluLanguages(localesDir: string): string[] {
  if (!fs.existsSync(localesDir)) return [];
  return fs
    .readdirSync(localesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(localesDir, d.name, 'nlu')))
    .map((d) => d.name)
    .sort();
}

export function loadLocaleNlu(localesDir: string, lang: string): LocaleNlu {
  const dir = path.join(localesDir, lang, 'nlu');
  const intents = stringLists(readJson(path.join(dir, 'intents.json')));
  const e = obj(readJson(path.join(dir, 'entities.json')));
  const l = obj(readJson(path.join(dir, 'language.json')));
  const em = obj(readJson(path.join(dir, 'emergency.json')));
  const ordinals: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(e.ordinals))) if (typeof v === 'number') ordinals[k] = v;
  const agePatterns: AgePattern[] = [];
  if (Array.isArray(e.agePatterns)) {
    for (const a of e.agePatterns) {
      const o = obj(a);
      if (typeof o.p === 'string') {
        agePatterns.push({
          p: o.p,
          min: typeof o.min === 'number' ? o.min : undefined,
          max: typeof o.max === 'number' ? o.max : undefined,
          who: typeof o.who === 'string' ? o.who : undefined,
          offset: typeof o.offset === 'number' ? o.offset : undefined,
          age: typeof o.age === 'number' ? o.age : undefined,
        });
      }
    }
  }
  const scriptPriors: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(l.scriptPriors))) if (typeof v === 'number') scriptPriors[k] = v;
  const cues: Array<{ pattern: string; weight: number }> = [];
  if (Array.isArray(l.cues)) {
    for (const c of l.cues) {
      const o = obj(c);
      if (typeof o.pattern === 'string' && typeof o.weight === 'number') cues.push({ pattern: o.pattern, weight: o.weight });
    }
  }
  return {
    lang,
    intents,
    entities: {
      categories: stringLists(e.categories),
      categoryExclusions: strings(e.categoryExclusions),
      negations: strings(e.negations),
      numberMarkers: strings(e.numberMarkers),
      ordinals,
      numberFillers: strings(e.numberFillers),
      agePatterns,
      birthYearMarkers: strings(e.birthYearMarkers),
      audiences: stringLists(e.audiences),
      who: stringLists(e.who),
      wishes: stringLists(e.wishes),
      activityAliases: stringLists(e.activityAliases),
      activityPhrases: stringLists(e.activityPhrases),
      genericNameWords: strings(e.genericNameWords),
      questions: stringLists(e.questions),
    },
    language: {
      names: strings(l.names),
      scripts: strings(l.scripts).length ? strings(l.scripts) : ['Latin'],
      cues,
      scriptPriors,
      langidText: [...strings(l.langidText), ...strings(l.commonWords)],
      subjectWords: strings(l.subjectWords),
      subjectFillers: strings(l.subjectFillers),
    },
    emergency: { patterns: strings(em.patterns), exclude: strings(em.exclude) },
  };
}
