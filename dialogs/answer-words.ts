// Short answers as people write them: "ja ja", "ja det er ok", "ماشي", "la2", "mig selv", "بنتي",
// "hun hedder Aisha Ali". The words live in locales/<lang>/signup.json (answers.words) and in
// common.json (answers.words.yes/no); every language's words count, since people answer in the
// language they think in.
import { arabicVariants, isArabicToken, normalise, tokenize } from '../src/understanding/normalise';
import type { I18n } from '../src/i18n';

type Kind = string;
interface Phrase {
  toks: string[];
  kind: Kind;
}

/** Words seen lately → their unstretched form and Arabic clitic-free forms (a word is compared with every phrase). */
const MEMO_SIZE = 5000;
const unstretched = new Map<string, string>();
const variants = new Map<string, readonly string[]>();

/** "jaaa" → "ja", "okkk" → "ok": a stretched word is the word. */
function unstretch(t: string): string {
  let u = unstretched.get(t);
  if (u === undefined) {
    u = t.replace(/(\p{L})\1+/gu, '$1');
    if (unstretched.size >= MEMO_SIZE) unstretched.clear();
    unstretched.set(t, u);
  }
  return u;
}

function arabicFormsOf(word: string): readonly string[] {
  let v = variants.get(word);
  if (v === undefined) {
    v = arabicVariants(word);
    if (variants.size >= MEMO_SIZE) variants.clear();
    variants.set(word, v);
  }
  return v;
}

function sameToken(word: string, pattern: string, clitics = true): boolean {
  if (word === pattern || unstretch(word) === unstretch(pattern)) return true;
  // "وماشي", "لابني": Arabic words carry clitics.
  return clitics && isArabicToken(word) && arabicFormsOf(word).includes(pattern);
}

const tokensOf = (s: string) => tokenize(normalise(s));

/** Phrases from every language for these kinds, longest first; built once per i18n and key set. */
const phraseCache = new WeakMap<I18n, Map<string, Phrase[]>>();
function phrases(i18n: I18n, kinds: Record<Kind, string[]>): Phrase[] {
  const cacheKey = JSON.stringify(kinds);
  let byKey = phraseCache.get(i18n);
  if (!byKey) phraseCache.set(i18n, (byKey = new Map()));
  let list = byKey.get(cacheKey);
  if (!list) {
    list = [];
    for (const [kind, keys] of Object.entries(kinds)) {
      for (const lang of i18n.languages) {
        for (const key of keys) for (const w of i18n.list(lang, key)) {
          const toks = tokensOf(w);
          if (toks.length) list.push({ toks, kind });
          // Emoji have no letters: kept as written.
          else if (w.trim()) list.push({ toks: [w.trim()], kind });
        }
      }
    }
    list.sort((a, b) => b.toks.length - a.toks.length);
    byKey.set(cacheKey, list);
  }
  return list;
}

/**
 * Covers the message with known phrases from left to right; the kinds found, in order, or
 * undefined when a word is not one of them (then the message says more than a short answer).
 */
export function coverWith(text: string, i18n: I18n, kinds: Record<Kind, string[]>, clitics = true): Kind[] | undefined {
  const raw = text.trim();
  const toks = tokensOf(raw);
  const list = phrases(i18n, kinds);
  if (!toks.length) {
    // 👍 alone.
    const hit = list.find((p) => p.toks.length === 1 && p.toks[0] === raw);
    return hit ? [hit.kind] : undefined;
  }
  const found: Kind[] = [];
  let i = 0;
  while (i < toks.length) {
    const p = list.find((x) => x.toks.length <= toks.length - i && x.toks.every((t, k) => sameToken(toks[i + k], t, clitics)));
    if (!p) return undefined;
    found.push(p.kind);
    i += p.toks.length;
  }
  return found;
}

const YES_NO = {
  yes: ['common:answers.words.yes', 'signup:answers.words.yes'],
  no: ['common:answers.words.no', 'signup:answers.words.no'],
  filler: ['signup:answers.words.filler'],
};

/** "ja det er ok" → yes; "nej tak" → no; "ja, men hvornår?" → undefined (more than an answer). */
export function yesOrNo(text: string, i18n: I18n): 'yes' | 'no' | undefined {
  const kinds = coverWith(text, i18n, YES_NO);
  const first = kinds?.find((k) => k !== 'filler');
  return first === 'yes' || first === 'no' ? first : undefined;
}

const SELF_CHILD = {
  child: ['signup:answers.words.child'],
  self: ['signup:answers.words.self'],
  filler: ['signup:answers.words.filler'],
};

/** "mig selv", "ana", "myself" → self; "min søn", "ibni", "بنتي" → child. */
export function selfOrChild(text: string, i18n: I18n): 'self' | 'child' | undefined {
  const kinds = coverWith(text, i18n, SELF_CHILD);
  if (!kinds) return undefined;
  if (kinds.includes('child')) return 'child';
  return kinds.includes('self') ? 'self' : undefined;
}

export interface NameAnswer {
  name: string;
  /** Whose name the sentence says it is: the writer's ("jeg hedder"), someone else's ("hun hedder"). */
  whose?: 'self' | 'other';
}

/**
 * The name in "hun hedder Aisha Ali", "my name is Sara", "اسمي فاطمة": the words after the
 * introduction, as written (capitals and letters kept).
 */
export function nameInSentence(text: string, i18n: I18n): NameAnswer {
  const words = text.trim().replace(/[.!]+$/u, '').split(/\s+/).filter(Boolean);
  const intros = phrases(i18n, { other: ['signup:answers.words.nameIntroOther'], self: ['signup:answers.words.nameIntroSelf'] });
  // One leading "ja", "ok", "و" may come first: "ja, hun hedder Aisha".
  for (const skip of [0, 1]) {
    if (skip && !(words.length > 1 && yesOrNo(words[0], i18n))) continue;
    const rest = words.slice(skip);
    const normal = rest.map((w) => tokensOf(w).join(' '));
    for (const p of intros) {
      // Each word of the intro is one written word (apostrophes dropped: "I'm" → "im").
      if (p.toks.length >= rest.length) continue;
      if (p.toks.every((t, k) => normal[k] !== undefined && sameToken(normal[k], t))) {
        return { name: rest.slice(p.toks.length).join(' ').replace(/^[:,\-–]+\s*/u, ''), whose: p.kind === 'other' ? 'other' : 'self' };
      }
    }
  }
  return nameInside(words, i18n) ?? { name: words.join(' ') };
}

/**
 * "wait, it's for my wife, her name is Mona Saleh", "لا الاسم غلط، اسمي ليلى حسن": a plain name
 * introduction later in the message. The introduction ending last wins; the name runs to the next
 * comma and is at most four words, else it is no name given in passing.
 */
function nameInside(words: string[], i18n: I18n, from = 1): NameAnswer | undefined {
  const inside = phrases(i18n, { hit: ['signup:answers.words.nameIntroInside'] });
  const own = phrases(i18n, { self: ['signup:answers.words.nameIntroSelf'] });
  const normal = words.map((w) => tokensOf(w).join(' '));
  let best: { start: number; end: number; toks: string[] } | undefined;
  for (let i = from; i < words.length; i++) {
    for (const p of inside) {
      const end = i + p.toks.length;
      if (end >= words.length || !p.toks.every((t, k) => sameToken(normal[i + k], t))) continue;
      if (!best || end > best.end) best = { start: i, end, toks: p.toks };
    }
  }
  if (!best) return undefined;
  const after = words.slice(best.end).join(' ').replace(/^[:,\-–]+\s*/u, '').split(/[,،;]/u)[0].trim();
  const count = after.split(/\s+/).filter(Boolean).length;
  if (!count || count > 4) return undefined;
  const self = own.some((p) => p.toks.join(' ') === best!.toks.join(' '));
  return { name: after, whose: self ? 'self' : 'other' };
}

/**
 * A name given with a plain introduction anywhere in the message ("nej, jeg hedder Leila Hassan",
 * "لا الاسم غلط، اسمي ليلى حسن"), or nothing: a correction of a name already given, where a bare
 * "det er til min datter" must not be read as one.
 */
export function introducedName(text: string, i18n: I18n): NameAnswer | undefined {
  return nameInside(text.trim().replace(/[.!]+$/u, '').split(/\s+/).filter(Boolean), i18n, 0);
}

/** A one-word "ja", "ok", "mig", "hej" is an answer or a greeting, not somebody's name. */
export function isImplausibleName(name: string, i18n: I18n): boolean {
  const kinds = coverWith(name, i18n, {
    not: ['signup:answers.words.notNames', 'common:answers.words.yes', 'common:answers.words.no', 'signup:answers.words.yes', 'signup:answers.words.no'],
  }, false);
  return kinds !== undefined;
}

/**
 * A yes or no with more words after it: "ja afmeld", "yes please do", "اي الغيه", "nej, jeg har
 * ombestemt mig". Only when the message opens with the answer, says nothing the other way, asks
 * nothing ("?", "men", "when") and stays short.
 */
export function yesOrNoLoose(text: string, i18n: I18n, buts: ReadonlySet<string>): 'yes' | 'no' | undefined {
  const strict = yesOrNo(text, i18n);
  if (strict) return strict;
  if (/[?؟]/.test(text)) return undefined;
  const toks = tokensOf(text);
  if (!toks.length || toks.length > 7 || toks.some((t) => buts.has(t))) return undefined;
  const list = phrases(i18n, YES_NO);
  const kinds: Kind[] = [];
  for (let i = 0; i < toks.length; ) {
    const p = list.find((x) => x.toks.length <= toks.length - i && x.toks.every((t, k) => sameToken(toks[i + k], t)));
    if (p) {
      kinds.push(p.kind);
      i += p.toks.length;
    } else {
      kinds.push('other');
      i++;
    }
  }
  const first = kinds.find((k) => k !== 'filler');
  if (first !== 'yes' && first !== 'no') return undefined;
  return kinds.includes(first === 'yes' ? 'no' : 'yes') ? undefined : first;
}

/**
 * A message with a phone number and maybe a name: "Leila Mansour 31570246", "jeg hedder Leila og
 * mit nummer er 31 57 02 46". What is left when the digits and the words that introduce a number
 * ("og mit nummer er", "ورقمي") are taken away.
 */
export function withoutPhone(text: string, i18n: I18n): string {
  const words = text.replace(/\+?\d[\d\s\-.()/]*\d/gu, ' ').replace(/[٠-٩]+/gu, ' ').replace(/[,;:]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  const intros = phrases(i18n, { intro: ['signup:answers.words.phoneIntro'] });
  // Intro words at the end ("… og mit nummer er") or right after the name.
  let changed = true;
  while (changed && words.length) {
    changed = false;
    const normal = words.map((w) => tokensOf(w).join(' '));
    for (const p of intros) {
      if (p.toks.length > words.length) continue;
      const at = words.length - p.toks.length;
      if (p.toks.every((t, k) => normal[at + k] === t)) {
        words.splice(at, p.toks.length);
        changed = true;
        break;
      }
    }
  }
  return words.join(' ');
}

/** Does some phrase of these keys occur in the message? Latin words of 5+ letters match as stems ("tilmeld" in "tilmelde"). */
export function mentions(text: string, i18n: I18n, keys: string[]): boolean {
  const toks = tokensOf(text);
  const list = phrases(i18n, { hit: keys });
  const fits = (word: string, p: string) => sameToken(word, p) || (!isArabicToken(p) && p.length >= 5 && word.startsWith(p));
  return toks.some((_, i) => list.some((p) => p.toks.length <= toks.length - i && p.toks.every((t, k) => fits(toks[i + k], t))));
}

/**
 * What a correction says is meant: the last words between correction words ("sorry wrong day, I
 * meant the second one" → "the second one", "actually the third one instead" → "the third one");
 * "" when only the correction is said, undefined when the message has no correction word.
 */
export function afterCorrection(text: string, i18n: I18n): string | undefined {
  const toks = tokensOf(text);
  const list = phrases(i18n, { hit: ['signup:answers.words.correction'] });
  const segments: string[][] = [[]];
  let found = false;
  for (let i = 0; i < toks.length; ) {
    const p = list.find((x) => x.toks.length <= toks.length - i && x.toks.every((t, k) => sameToken(toks[i + k], t)));
    if (p) {
      found = true;
      segments.push([]);
      i += p.toks.length;
    } else {
      segments[segments.length - 1].push(toks[i]);
      i++;
    }
  }
  if (!found) return undefined;
  return ([...segments].reverse().find((seg, k) => seg.length && k < segments.length - 1) ?? []).join(' ');
}

/**
 * "أود التسجيل في …", "bade sajel bi …", "vil gerne tilmelde mig …": a sign-up verb, and nothing
 * about cancelling or one's registrations. With an activity named, that is a sign-up, however
 * unsure the model is of the whole sentence.
 */
export function saysSignup(text: string, i18n: I18n): boolean {
  return mentions(text, i18n, ['signup:answers.words.signupVerb']) && !mentions(text, i18n, ['signup:answers.words.notSignup']);
}
