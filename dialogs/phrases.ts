// Small readings of a message that need no model: a greeting in front of a question ("hej,
// hvornår …"), an acknowledgement ("tak", "ok", 👍), a bare number, and what a follow-up asks
// about the activity in focus (when, where, price, a friend coming). Word lists live in
// locales/<lang>/common.json and count in every language: people write in the one they think in.
import type { I18n } from '../src/i18n';
import { foldText } from '../src/understanding';

/** Letters and digits only, words split by single spaces. */
function words(text: string): string[] {
  const folded = foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return folded ? folded.split(' ') : [];
}

const THANKS_EMOJI = /[\u{1F64F}\u2764\u2665\u{1F496}\u{1F497}\u{1F60D}\u{1F970}\u{1F618}\u{1F49C}\u{1F499}\u{1F49A}\u{1F9E1}\u{1F49B}]/u;
const OK_EMOJI = /[\u{1F44D}\u{1F44C}\u{1F642}\u{1F60A}\u{1F600}\u{1F601}\u{1F603}\u{1F604}\u2705\u2714\u{1F44F}\u{1F64C}\u{1F60E}\u263A]/u;
/** Skin tones, variation selectors, joiners: parts of an emoji, not of a word. */
// eslint-disable-next-line no-misleading-character-class -- each part on its own, on purpose
const EMOJI_PARTS = /[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;

interface Lists {
  greetings: string[][];
  thanks: Set<string>;
  ok: Set<string>;
  filler: Set<string>;
  chat: Set<string>;
  none: string[][];
  person: Set<string>;
  openers: Set<string>;
  facets: Map<string, Set<string>>;
  notFacets: string[][];
  whatNext: string[][];
  more: string[][];
  closing: string[][];
}

const cache = new WeakMap<I18n, Lists>();

export const FACETS = ['when', 'where', 'price', 'companion', 'age', 'bring', 'contact'] as const;
export type Facet = (typeof FACETS)[number];

function lists(i18n: I18n): Lists {
  let l = cache.get(i18n);
  if (l) return l;
  const all = (key: string) => i18n.languages.flatMap((lang) => i18n.list(lang, key));
  const wordSet = (key: string) => new Set(all(key).flatMap(words));
  l = {
    // Longest first, so "god morgen" wins over "god" and "السلام عليكم ورحمة الله" over "السلام".
    greetings: all('common:phrases.greetings').map(words).filter((w) => w.length > 0).sort((a, b) => b.length - a.length),
    thanks: wordSet('common:phrases.thanks'),
    ok: wordSet('common:phrases.ok'),
    filler: wordSet('common:phrases.filler'),
    chat: wordSet('common:phrases.chat'),
    person: wordSet('common:phrases.person'),
    openers: wordSet('common:phrases.questionOpeners'),
    none: all('common:phrases.noneOfThese').map(words).filter((w) => w.length > 0),
    facets: new Map(FACETS.map((f) => [f, wordSet(`common:phrases.facets.${f}`)])),
    notFacets: all('common:phrases.notFacets').map(words).filter((w) => w.length > 0),
    whatNext: all('common:phrases.whatNext').map(words).filter((w) => w.length > 0),
    more: all('common:phrases.more').map(words).filter((w) => w.length > 0),
    closing: all('common:phrases.closing').map(words).filter((w) => w.length > 0).sort((a, b) => b.length - a.length),
  };
  cache.set(i18n, l);
  return l;
}

/**
 * "hej, hvornår er forældrenetværket?" → "hvornår er forældrenetværket?". Null when the message
 * does not begin with a greeting or is nothing but greetings.
 */
export function afterGreeting(text: string, i18n: I18n): string | null {
  const { greetings } = lists(i18n);
  const tokens = words(text);
  let at = 0;
  for (let found = true; found && at < tokens.length; ) {
    found = false;
    for (const g of greetings) {
      if (g.every((w, k) => tokens[at + k] === w)) {
        at += g.length;
        found = true;
        break;
      }
    }
  }
  if (at === 0 || at >= tokens.length) return null;
  // Cut the original text after as many words as the greeting took, keeping the question's own spelling.
  const parts = text.trim().split(/([^\p{L}\p{N}]+)/u).filter((p) => p !== '');
  let seen = 0;
  for (let i = 0; i < parts.length; i++) {
    if (/[\p{L}\p{N}]/u.test(parts[i])) seen++;
    if (seen === at) {
      const rest = parts.slice(i + 1).join('').replace(/^[^\p{L}\p{N}]+/u, '');
      return rest.length ? rest : null;
    }
  }
  return null;
}

export type Acknowledgement = 'thanks' | 'ok';

/** "tak", "mange tak!", "ok", "👍🏽", "تمام", "shukran": a short acknowledgement, and which kind; else null. */
export function acknowledgement(text: string, i18n: I18n): Acknowledgement | null {
  const l = lists(i18n);
  const raw = text.replace(EMOJI_PARTS, '');
  const thanksEmoji = THANKS_EMOJI.test(raw);
  const okEmoji = OK_EMOJI.test(raw);
  const tokens = words(raw);
  if (tokens.length === 0) return thanksEmoji ? 'thanks' : okEmoji ? 'ok' : null;
  if (tokens.length > 6 || !tokens.every((w) => l.thanks.has(w) || l.ok.has(w) || l.filler.has(w))) return null;
  if (thanksEmoji || tokens.some((w) => l.thanks.has(w))) return 'thanks';
  return tokens.some((w) => l.ok.has(w)) || okEmoji ? 'ok' : null;
}

/**
 * "hej", "hi how are you", "tak 🙂", "كيفك؟", "شكرا الله يعطيك العافية": a message that is small talk
 * and nothing else (greetings, thanks, ok, how-are-you words, at most one word besides). "hej vi er lige flyttet hertil" is
 * not: a model that reads it as a greeting or as chat is unsure of what it says.
 */
export function onlySmallTalk(text: string, i18n: I18n): boolean {
  const l = lists(i18n);
  const tokens = words(text.replace(EMOJI_PARTS, ''));
  const greetingWords = new Set(l.greetings.flat());
  // One word off the lists ("يسلمو", "mashi") is a courtesy the lists lack, not a question.
  return tokens.filter((w) => !(greetingWords.has(w) || l.thanks.has(w) || l.ok.has(w) || l.filler.has(w) || l.chat.has(w))).length < 2;
}

/**
 * "tak", "okay tak", "ok thanks", "تمام شكرا": thanks that close a topic, and nothing that says yes
 * ("ja tak", "yes thanks" take what was offered).
 */
export function closingThanks(text: string, i18n: I18n): boolean {
  if (acknowledgement(text, i18n) !== 'thanks') return false;
  const l = lists(i18n);
  return words(text.replace(EMOJI_PARTS, '')).every((w) => l.thanks.has(w) || l.ok.has(w));
}

/** "2012", "1", "٣": digits and nothing else. */
export function isBareNumber(text: string): boolean {
  const t = foldText(text).trim();
  return /\d/.test(t) && /^[\d\s.,#:/+-]+$/.test(t);
}

const ARABIC_WORD = /^[\u0600-\u06FF]+$/u;

/**
 * The forms an Arabic word may be listed under, once the clitics spoken Arabic glues to it are
 * taken off: "وكم" → "كم", "بتكلف" (Levantine/Egyptian b-imperfect) → "تكلف", "يكلف", "والسعر" →
 * "السعر", "سعر". Only prefixes, and only while three letters or more remain, so short words
 * are not read as others. Latin-script words are matched as they are.
 */
export function arabicForms(word: string): string[] {
  if (!ARABIC_WORD.test(word)) return [word];
  const forms = new Set([word]);
  const add = (w: string) => {
    if (w.length >= 3) forms.add(w);
  };
  const base = /^[وف]/u.test(word) && word.length > 3 ? word.slice(1) : word;
  add(base);
  for (const w of [...forms]) {
    // Article and the prepositions glued to it: "بالسعر", "للبنات", "العنوان".
    const bare = w.replace(/^(?:بال|كال|لل|ال)/u, '');
    if (bare !== w) add(bare);
    // "بتكلف", "بيكلف", "بنجيب": the b- of the spoken imperfect, and the same verb with its
    // he-form prefix ("يكلف"), which is how word lists name verbs.
    const m = /^ب([يتنا])(.+)$/u.exec(w);
    if (m) {
      add(m[1] + m[2]);
      add(`ي${m[2]}`);
    }
  }
  return [...forms];
}

/** What a follow-up asks about the activity in focus ("hvornår og hvor?" → when, where). */
export function facetsOf(text: string, i18n: I18n): Facet[] {
  const l = lists(i18n);
  // "pocket money", "hvor mange": words that ask nothing about the activity in these phrases.
  const all = words(text);
  const skip = new Set<number>();
  for (const p of l.notFacets) {
    for (let i = 0; i + p.length <= all.length; i++) if (p.every((w, k) => all[i + k] === w)) p.forEach((_, k) => skip.add(i + k));
  }
  const tokens = all.filter((_, i) => !skip.has(i)).flatMap(arabicForms);
  return FACETS.filter((f) => tokens.some((w) => l.facets.get(f)!.has(w)));
}

/** "ingen af dem", "none of these", "ولا واحد", "mafi shi menhom": none of the choices offered. */
export function isNoneOfThese(text: string, i18n: I18n): boolean {
  const tokens = words(text);
  if (!tokens.length || tokens.length > 8) return false;
  const l = lists(i18n);
  // One word ("ingen", "none") is the whole answer; a phrase may sit in a sentence ("nej, ingen af dem").
  return l.none.some((p) => (p.length > 1 || tokens.length <= 2) && tokens.some((_, i) => p.every((w, k) => tokens[i + k] === w)));
}

/** "medarbejder", "someone", "موظف": the message names a person to talk to. */
export function namesAPerson(text: string, i18n: I18n): boolean {
  const l = lists(i18n);
  return words(text).some((w) => l.person.has(w));
}

/**
 * "can my daughter do the pocket money job?", "هل في شغل لابني؟", "kan man få job her": the
 * message asks something (a question mark, or a question word or a "can/may/is" first) rather
 * than states a wish ("min søn vil gerne have job", "ابني بدو شغل").
 */
export function isQuestion(text: string, i18n: I18n): boolean {
  if (/[?؟]/u.test(text)) return true;
  const rest = afterGreeting(text, i18n) ?? text;
  const first = words(rest)[0];
  return first !== undefined && lists(i18n).openers.has(first);
}

/**
 * "ok what now", "hvad så nu?", "وهلق شو": after an answer that offered what to do next, the
 * resident asks what that is. An "ok" or a filler word around it changes nothing.
 */
export function asksWhatNext(text: string, i18n: I18n): boolean {
  const l = lists(i18n);
  const rest = words(text).filter((w) => !l.ok.has(w) && !l.filler.has(w) && !l.thanks.has(w));
  return rest.length > 0 && l.whatNext.some((p) => p.length === rest.length && p.every((w, i) => w === rest[i]));
}

/**
 * "more", "andre ting?", "كمان", "fi ashya2 tanye": after an answer or a menu, the resident asks for
 * other things than the ones shown. An "ok" or a filler word around it changes nothing.
 */
export function asksForMore(text: string, i18n: I18n): boolean {
  const l = lists(i18n);
  const rest = words(text).filter((w) => !l.ok.has(w) && !l.filler.has(w) && !l.thanks.has(w));
  return rest.length > 0 && l.more.some((p) => p.length === rest.length && p.every((w, i) => w === rest[i]));
}

/**
 * "nej tak det var det", "that's all thanks", "خلاص مش هلق": the resident closes the topic. Made of
 * closing phrases, thanks and filler only, at least one closing phrase, at most eight words.
 */
export function closesTopic(text: string, i18n: I18n): boolean {
  const l = lists(i18n);
  const tokens = words(text.replace(EMOJI_PARTS, ''));
  if (!tokens.length || tokens.length > 8) return false;
  let closed = false;
  for (let i = 0; i < tokens.length; ) {
    const p = l.closing.find((c) => c.every((w, k) => tokens[i + k] === w));
    if (p) {
      closed = true;
      i += p.length;
    } else if (l.thanks.has(tokens[i]) || l.ok.has(tokens[i]) || l.filler.has(tokens[i])) i++;
    else return false;
  }
  return closed;
}
