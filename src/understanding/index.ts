// kvarterbot's offline understanding: language, intent, entities and the emergency layer, all
// trained/compiled at load from locales/<lang>/nlu/*.json. No network, no model files.
//
// Domain-free on purpose: no bot framework, HTTP or database imports here.

import { IntentClassifier } from './classifier';
import { loadLocaleNlu, LocaleNlu, nluLanguages } from './data';
import { ActivityName, Entities, EntityExtractor } from './entities';
import { LanguageDetector } from './langid';
import { LanguageSubjects } from './language-subject';
import { readSymbols } from './symbols';
import { EmergencyLayer, type Safety } from './emergency';
import { arabicVariants, isArabicToken, normalise as normaliseText, tokenize } from './normalise';

export type { ActivityName, Category, Entities } from './entities';
export type { Safety, SafetyTier } from './emergency';
export { findPhones, findDates } from './entities';
export { foldText, asciiDigits, editDistance, tokenize } from './normalise';
export { maskPersonalData } from './mask';
export type { MaskOptions } from './mask';

export type Intent =
  | 'greet'
  | 'help'
  | 'list_activities'
  | 'activity_info'
  | 'signup'
  | 'my_registrations'
  | 'cancel_registration'
  | 'human'
  | 'change_language'
  | 'privacy'
  | 'emergency'
  | 'smalltalk'
  | 'out_of_scope';

export const INTENTS: readonly Intent[] = [
  'greet',
  'help',
  'list_activities',
  'activity_info',
  'signup',
  'my_registrations',
  'cancel_registration',
  'human',
  'change_language',
  'privacy',
  'emergency',
  'smalltalk',
  'out_of_scope',
];

export interface ParseResult {
  lang: string;
  intent: Intent;
  /** 0..1: the intent model's probability after the rules below; below `threshold` → ask. */
  confidence: number;
  entities: Entities;
  /** The runner-up intents, most likely first (at most 3, never emergency): what to offer when unsure. */
  alternatives?: { intent: Intent; confidence: number }[];
  /** What the emergency layer saw: `clear` (then intent is 'emergency') or `doubtful` (a gentle check). */
  safety?: Safety;
}

/** The intents ranked after `chosen`, for a clarifying question. */
function runnersUp(probs: ArrayLike<number>, labels: readonly string[], chosen: Intent, scale: number): { intent: Intent; confidence: number }[] {
  const ranked: { intent: Intent; confidence: number }[] = [];
  for (let k = 0; k < labels.length; k++) {
    const intent = labels[k] as Intent;
    if (intent !== chosen && intent !== 'emergency') ranked.push({ intent, confidence: Math.min(1, probs[k] * scale) });
  }
  return ranked.sort((a, b) => b.confidence - a.confidence).slice(0, 3);
}

export interface Understanding {
  languages: string[];
  parse(text: string, hint?: { lang?: string }): ParseResult;
  setActivities(list: ActivityName[]): void;
  threshold: number;
  /** The language of a message; `hint` is the resident's stored language (a prior). */
  detectLanguage(text: string, hint?: string): string;
  /** True when the emergency layer sees clear danger, regardless of the classifier. */
  isEmergency(text: string): boolean;
  /** True for words the intent model has seen at least twice (used to tell names from words). */
  knownWord(word: string): boolean;
}

export interface LoadOptions {
  localesDir: string;
  activities?: ActivityName[];
  now?: () => Date;
  /** Language for text with no letters and no hint; default 'da' if present, else the first. */
  defaultLanguage?: string;
  /** Confidence below which the bot should ask a clarifying question (default 0.45). */
  threshold?: number;
}

export const DEFAULT_THRESHOLD = 0.45;
/** `normalise(text, lang)`: the normalised form used for matching (see normalise.ts). */
export function normalise(text: string, lang?: string): string {
  return normaliseText(text, lang);
}

/** Languages available in a locales folder (folders with nlu/ data). */
export function availableLanguages(localesDir: string): string[] {
  return nluLanguages(localesDir);
}

const detectors = new Map<string, LanguageDetector>();

/**
 * Language detection without a full Understanding: `localesDir` is a locales folder (the
 * detector is built once per folder and cached). Prefer `understanding.detectLanguage(text, hint)`
 * when an Understanding exists.
 */
export function detectLanguage(text: string, localesDir: string, hint?: string): string {
  let d = detectors.get(localesDir);
  if (!d) {
    const langs = nluLanguages(localesDir);
    d = buildDetector(
      langs.map((l) => loadLocaleNlu(localesDir, l)),
      langs.includes('da') ? 'da' : (langs[0] ?? 'da'),
    );
    detectors.set(localesDir, d);
  }
  return d.detect(text, hint).lang;
}

function buildDetector(locales: LocaleNlu[], fallback: string): LanguageDetector {
  return new LanguageDetector(
    locales.map((l) => ({
      lang: l.lang,
      scripts: l.language.scripts,
      cues: l.language.cues,
      scriptPriors: l.language.scriptPriors,
      samples: [...Object.values(l.intents).flat(), ...l.language.langidText],
    })),
    fallback,
  );
}

function metaFeatures(e: Entities, bareNumber: boolean, negation = false): string[] {
  const m: string[] = [];
  if (negation) m.push('E:neg');
  if (e.category || e.activity) m.push('E:cat');
  if (e.language) m.push('E:lang');
  if (e.phone) m.push('E:phone');
  if (e.age !== undefined) m.push('E:age');
  if (e.birthYear !== undefined) m.push('E:year');
  if (e.number !== undefined) m.push(bareNumber ? 'E:bare_num' : 'E:num');
  return m;
}

export function loadUnderstanding(opts: LoadOptions): Understanding {
  const now = opts.now ?? (() => new Date());
  const languages = nluLanguages(opts.localesDir);
  if (languages.length === 0) throw new Error(`understanding: no locales with nlu/ data in ${opts.localesDir}`);
  const locales = languages.map((l) => loadLocaleNlu(opts.localesDir, l));
  const fallback =
    opts.defaultLanguage && languages.includes(opts.defaultLanguage)
      ? opts.defaultLanguage
      : languages.includes('da')
        ? 'da'
        : languages[0];
  const detector = buildDetector(locales, fallback);
  const extractor = new EntityExtractor(locales, now);
  const emergency = new EmergencyLayer(opts.localesDir, languages);
  const subjects = new LanguageSubjects(locales);
  // "danish classes", "lære dansk": a language as the topic is not a request to switch to it.
  const extract = (text: string): ReturnType<EntityExtractor['extract']> & { languageTopic: boolean } => {
    const x = extractor.extract(text);
    const languageTopic = subjects.test(x.tokens);
    if (languageTopic) delete x.entities.language;
    return { ...x, languageTopic };
  };
  const topicMeta = (x: ReturnType<typeof extract>): string[] => {
    const m = metaFeatures(x.entities, x.bareNumber, x.negation);
    return x.languageTopic ? [...m, 'E:lang_topic'] : m;
  };

  // Training set: every example of every language, with the same entity markers as at run time.
  const examples: Array<{ tokens: string[]; meta: string[]; label: string }> = [];
  for (const l of locales) {
    for (const [intent, list] of Object.entries(l.intents)) {
      if (!INTENTS.includes(intent as Intent)) continue;
      for (const text of list) {
        const x = extract(text);
        examples.push({ tokens: x.tokens, meta: topicMeta(x), label: intent });
      }
    }
  }
  const classifier = new IntentClassifier(examples);
  // Vocabulary for name masking: words seen twice or more (a name in one example is not "known").
  const wordCounts = new Map<string, number>();
  for (const e of examples) for (const t of e.tokens) wordCounts.set(t, (wordCounts.get(t) ?? 0) + 1);
  const vocabulary = new Set([...wordCounts].filter(([, n]) => n >= 2).map(([w]) => w));
  const seenWords = new Set(wordCounts.keys());
  wordCounts.clear();
  const seen = (t: string): boolean =>
    seenWords.has(t) || (isArabicToken(t) && arabicVariants(t).some((v) => v.length >= 2 && seenWords.has(v))) || /^\d+$/.test(t);
  const idx = (i: Intent): number => classifier.labels.indexOf(i);
  /** Words that alone read as a greeting or a courtesy ("hej", "salam", "ok", "tak"). */
  const courtesy = new Map<string, boolean>();
  const isCourtesy = (t: string): boolean => {
    let c = courtesy.get(t);
    if (c === undefined) {
      const p = classifier.predict([t], []);
      let b = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[b]) b = k;
      c = seen(t) && (classifier.labels[b] === 'greet' || classifier.labels[b] === 'smalltalk') && p[b] >= 0.5;
      if (courtesy.size < 5000) courtesy.set(t, c);
    }
    return c;
  };
  /**
   * The tokens after a greeting or an acknowledgement in front of a question, when the whole
   * message read as courtesy (or unsure) and the rest reads as something else; else null.
   */
  const afterOpener = (tokens: string[], meta: string[], p: number, read: Intent): string[] | null => {
    if (tokens.length < 3 || (read !== 'greet' && read !== 'smalltalk' && p >= (opts.threshold ?? DEFAULT_THRESHOLD))) return null;
    // "tak for hjælpen", "thanks for the help": a clear thank-you is the whole message.
    if (read === 'smalltalk' && p >= 0.6) return null;
    let at = 0;
    while (at < Math.min(4, tokens.length - 2) && isCourtesy(tokens[at])) at++;
    if (at === 0) return null;
    const rest = tokens.slice(at);
    const q = classifier.predict(rest, meta);
    let b = 0;
    for (let k = 1; k < q.length; k++) if (q[k] > q[b]) b = k;
    // Only a clear question: "hejsa er der nogen" stays a greeting, "good morning from block 7" too,
    // and a plain wish for a person after a greeting is left to the greeting-aware router.
    const intent = classifier.labels[b];
    return q[b] < 0.4 || ['greet', 'smalltalk', 'out_of_scope', 'human'].includes(intent) ? null : rest;
  };
  if (opts.activities) extractor.setActivities(opts.activities);

  const u: Understanding = {
    languages,
    threshold: opts.threshold ?? DEFAULT_THRESHOLD,
    setActivities(list) {
      extractor.setActivities(list);
    },
    detectLanguage(text, hint) {
      return detector.detect(text, hint).lang;
    },
    knownWord(word) {
      const toks = tokenize(normaliseText(word));
      return (
        toks.length > 0 &&
        toks.every((t) => vocabulary.has(t) || (isArabicToken(t) && arabicVariants(t).some((v) => v !== t && v.length >= 3 && vocabulary.has(v))))
      );
    },
    isEmergency(text) {
      return emergency.assess(extractor.extract(text).tokens)?.tier === 'clear';
    },
    parse(text, hint) {
      const lang = detector.detect(text, hint?.lang).lang;
      const x = extract(text);
      const { entities } = x;
      // "wa9tash", "hvorår", "wher": a question word in a spelling the model never saw is read as the
      // plain word of its list ("متى", "hvornår", "where"); words it knows keep their own features.
      const tokens = x.tokens.map((t, i) => x.asks.find((a) => a.start === i && a.end === i && !seen(t))?.plain ?? t);
      if (tokens.length === 0 && !entities.phone && entities.birthYear === undefined) {
        return { lang, ...readSymbols(text), entities };
      }
      let probs = classifier.predict(tokens, topicMeta(x));
      let best = 0;
      for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
      // "salam, my son is 12 can he work?", "ok how do I book a time": a greeting or an "ok" in front
      // of a question. The question decides, not the words of courtesy before it.
      const question = afterOpener(tokens, topicMeta(x), probs[best], classifier.labels[best] as Intent);
      if (question) {
        probs = classifier.predict(question, topicMeta(x));
        best = 0;
        for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
      }
      let intent = classifier.labels[best] as Intent;
      let confidence = probs[best];
      // Words the model has never seen ("asdfgh", a new topic) make any answer less certain.
      const known = tokens.filter(seen).length / tokens.length;
      const damp = known === 0 ? 0.5 : 0.7 + 0.3 * known;

      // 1. Emergency (emergency.ts): clear danger overrides everything; a doubtful signal rides
      // along with the intent so the dialogue can ask gently. The classifier's own emergency
      // class only gives way to the runner-up: alone it raised too many false alarms.
      const safety = emergency.assess(x.tokens, lang);
      if (safety?.tier === 'clear') {
        // Weak evidence (one short word) stays below what a form reads as "not an answer", so a name
        // that happens to look like a danger word is still taken as the name.
        return { lang, intent: 'emergency', confidence: safety.strong ? 0.95 : 0.6, entities, safety };
      }
      if (intent === 'emergency') {
        let second = best === 0 ? 1 : 0;
        for (let k = 0; k < probs.length; k++) if (k !== best && probs[k] > probs[second]) second = k;
        best = second;
        intent = classifier.labels[second] as Intent;
        confidence = probs[second];
      }

      // 2. Only a category/activity/language mention (plus filler words): "kurser", "arabisk tak".
      const covered = new Set<number>();
      for (const s of x.mentionSpans) for (let i = s.start; i <= s.end; i++) covered.add(i);
      const leftover = tokens.filter((_, i) => !covered.has(i));
      const shortRest = leftover.length <= 1 && tokens.length <= 3;
      if (shortRest && (entities.category || entities.activity) && !entities.language && !x.languageTopic && intent !== 'signup' && intent !== 'cancel_registration') {
        return { lang, intent: 'activity_info', confidence: Math.max(confidence, 0.8), entities, ...(safety ? { safety } : {}) };
      }
      if (shortRest && entities.language && !entities.category && !entities.activity && intent !== 'human') {
        return { lang, intent: 'change_language', confidence: Math.max(confidence, 0.8), entities, ...(safety ? { safety } : {}) };
      }

      // 3. A category makes a generic listing question specific.
      if (intent === 'list_activities' && (entities.category || entities.activity)) {
        intent = 'activity_info';
        confidence = probs[best] + probs[idx('activity_info')];
      }
      return { lang, intent, confidence: Math.min(1, confidence * damp), entities, alternatives: runnersUp(probs, classifier.labels, intent, damp), ...(safety ? { safety } : {}) };
    },
  };
  return u;
}
