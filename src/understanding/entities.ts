// Entity extraction: phone numbers, dates/birth years, ages, choice numbers, categories,
// languages and activities. Synonyms of every locale are applied to every message, so mixed
// text ("بدي سجل ابني بال lommepengejob") still finds its category.

import { isSignupCategory, type SignupCategory } from '../domain/categories';
import { ASKER_AUDIENCES as AUDIENCES, WISHES, wishOfSignupCategory, type AskerAudience, type Wish } from '../domain/recommend';
import type { LocaleNlu } from './data';
import { bestMatch, Lexicon, Match, withoutOverlap } from './lexicon';
import { editDistance, foldText, fuzzBudget, isArabicToken, arabicVariants, normalise, tokenize } from './normalise';

/** The `category` entity: one of the sign-up kinds (src/domain/categories). */
export type Category = SignupCategory;

/** Who an offer should fit, as the message says it: "for parents", "for youth", "for my kids" (src/domain/recommend.ts). */
export type AudienceWord = AskerAudience;
export type { Wish };
/** The person the message is about: the writer, or the writer's child. */
export type Who = 'self' | 'child';

export interface Entities {
  category?: Category;
  language?: string;
  activity?: string;
  age?: number;
  birthYear?: number;
  phone?: string;
  number?: number;
  audience?: AudienceWord;
  who?: Who;
  wish?: Wish;
}

export interface ActivityName {
  id: string;
  names: string[];
}

// ---------------------------------------------------------------------------------------------
// Phone numbers and dates work on the folded text (digits converted, punctuation kept).

interface Span {
  start: number;
  end: number;
}

const DIGIT_GROUP = /\+?\d+/g;
const GROUP_SEPARATOR = /^[\s\-.()/]{1,3}$/;

/**
 * Danish phone numbers in any common format → +45XXXXXXXX. Eight digits (first digit 1–9),
 * optionally preceded by +45 / 0045 / 45, written in groups separated by spaces, dashes, dots
 * or brackets: "12 34 56 78", "+45 12345678", "0045-12-34-56-78", "(+45) 1234 5678".
 */
export function findPhones(folded: string): Array<Span & { phone: string }> {
  const groups: Array<Span & { digits: string; plus: boolean }> = [];
  for (const m of folded.matchAll(DIGIT_GROUP)) {
    const start = m.index ?? 0;
    // A digit group glued to letters (Arabizi "7ada", "3omri") is not part of a number.
    const before = folded[start - 1];
    const after = folded[start + m[0].length];
    if ((before && /\p{L}/u.test(before)) || (after && /\p{L}/u.test(after))) continue;
    groups.push({ start, end: start + m[0].length, digits: m[0].replace('+', ''), plus: m[0].startsWith('+') });
  }
  const out: Array<Span & { phone: string }> = [];
  let i = 0;
  while (i < groups.length) {
    let acc = '';
    let found: { j: number; phone: string } | null = null;
    for (let j = i; j < groups.length; j++) {
      if (j > i && !GROUP_SEPARATOR.test(folded.slice(groups[j - 1].end, groups[j].start))) break;
      if (j > i && groups[j].plus) break;
      acc += groups[j].digits;
      if (acc.length > 12) break;
      const phone = toDanishPhone(acc, groups[i].plus);
      // Keep extending: "0045" alone is not a number yet, "45 12345678" beats "45123456".
      if (phone && (j + 1 >= groups.length || !continues(folded, groups, j, acc))) {
        found = { j, phone };
        break;
      }
      if (phone) found = { j, phone };
    }
    if (found) {
      out.push({ start: groups[i].start, end: groups[found.j].end, phone: found.phone });
      i = found.j + 1;
    } else if (groups[i].plus || groups[i].digits.startsWith('00')) {
      // A foreign number (+46 …, 0049 …): skip the whole run of groups that belongs to it.
      let j = i + 1;
      while (j < groups.length && !groups[j].plus && GROUP_SEPARATOR.test(folded.slice(groups[j - 1].end, groups[j].start))) j++;
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

function continues(folded: string, groups: Array<Span & { digits: string; plus: boolean }>, j: number, acc: string): boolean {
  const next = groups[j + 1];
  if (!next || next.plus) return false;
  if (!GROUP_SEPARATOR.test(folded.slice(groups[j].end, next.start))) return false;
  const longer = acc + next.digits;
  return longer.length <= 12 && toDanishPhone(longer, false) !== null && /^(45|0045)/.test(longer);
}

function toDanishPhone(digits: string, plus: boolean): string | null {
  let d = digits;
  if (plus) {
    if (!d.startsWith('45')) return null;
    d = d.slice(2);
  } else if (d.length === 12 && d.startsWith('0045')) {
    d = d.slice(4);
  } else if (d.length === 10 && d.startsWith('45')) {
    d = d.slice(2);
  }
  if (d.length !== 8 || d[0] === '0') return null;
  return `+45${d}`;
}

const DATE = /(?<![\d])(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?![\d])/g;

export function findDates(folded: string, now: Date): Array<Span & { year: number }> {
  const out: Array<Span & { year: number }> = [];
  for (const m of folded.matchAll(DATE)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    let year = Number(m[3]);
    if (m[3].length === 2) year += year <= now.getFullYear() % 100 ? 2000 : 1900;
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, year });
  }
  return out;
}

function blank(text: string, spans: Span[]): string {
  let t = text;
  for (const s of spans) t = t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end);
  return t;
}

// ---------------------------------------------------------------------------------------------

interface NameToken {
  token: string;
  /** Rarity across the catalogue: "kursus" or "for" in many names says little, "makerspace" a lot. */
  weight: number;
  /** Edits allowed when matching a message's word (0 for numbers and short words). */
  budget: number;
  /** Unique to one activity and long enough to name it alone. */
  distinctive: boolean;
  /** An audience or kind word ("forældre", "youth", "kursus"): never names an activity alone. */
  generic: boolean;
}

interface ActivityIndexEntry {
  id: string;
  names: { tokens: NameToken[]; total: number }[];
}

/** The most edits any name word allows (fuzzBudget of a long word). */
const MAX_BUDGET = fuzzBudget(Number.MAX_SAFE_INTEGER);
/** The shortest name word allowed each number of edits. */
const MIN_LENGTH_FOR = Array.from({ length: MAX_BUDGET + 1 }, (_, budget) => {
  let n = 0;
  while (fuzzBudget(n) < budget) n++;
  return n;
});

/** How many edits a message word of this length can be from a name word that allows them. */
function reachFor(length: number): number {
  let reach = 0;
  for (let b = 1; b <= MAX_BUDGET; b++) if (length >= MIN_LENGTH_FOR[b] - b) reach = b;
  return reach;
}

/** Message words whose nearby name words are remembered (entries are a few short strings). */
const NEAR_MEMO_MAX = 20_000;

/** Every string made by deleting up to `k` characters of `s`, `s` included. */
function deletions(s: string, k: number, out = new Set<string>()): Set<string> {
  out.add(s);
  if (k > 0 && s.length > 1) {
    for (let i = 0; i < s.length; i++) {
      const d = s.slice(0, i) + s.slice(i + 1);
      // A string's number of deletions is fixed by its length, so one seen is fully explored.
      if (!out.has(d)) deletions(d, k - 1, out);
    }
  }
  return out;
}

/** Danish definite and plural endings: "netværket" → "netværk", "kurserne" → "kurs". */
const DA_ENDINGS = ['erne', 'ene', 'et', 'en'];

/**
 * The forms a message word is compared in: itself, Arabic without clitics, Latin without a Danish
 * ending, and joined with the next word (compounds written apart: "foreldre netværket").
 */
function wordVariants(token: string, next: string | undefined): string[] {
  if (isArabicToken(token)) return arabicVariants(token);
  const out = [token];
  const strip = (w: string) => {
    for (const e of DA_ENDINGS) if (w.length - e.length >= 5 && w.endsWith(e)) return w.slice(0, -e.length);
    return undefined;
  };
  const stem = strip(token);
  if (stem) out.push(stem);
  if (next && !isArabicToken(next) && !/\d/.test(token + next) && token.length >= 3 && next.length >= 3) {
    const joined = token + next;
    out.push(joined);
    const joinedStem = strip(joined);
    if (joinedStem) out.push(joinedStem);
  }
  return out;
}

export interface Extraction {
  entities: Entities;
  /** Normalised tokens with phone numbers and dates removed. */
  tokens: string[];
  /** Token spans covered by category/activity/language mentions (for "bare mention" rules). */
  mentionSpans: Span[];
  /** True when the message is only a choice number / ordinal (plus fillers). */
  bareNumber: boolean;
  /** True when a negation word occurs ("ikke", "don't", "ما بدي", "mish"). */
  negation: boolean;
  /**
   * The question words ("when", "where", "price", "who"), each with its tokens and the plain word of
   * its list (the list's first one-word entry: "hvorår" → "hvornår", "wa9tash" → "متى"); no overlaps.
   */
  asks: Array<{ kind: string; start: number; end: number; plain: string }>;
}

export class EntityExtractor {
  private readonly categories = new Lexicon<Category>();
  private readonly categoryExclusions = new Lexicon<true>(false);
  private readonly languages = new Lexicon<string>();
  private readonly ages = new Lexicon<{ min: number; max: number; who?: Who; offset: number; age?: number }>(false);
  private readonly audiences = new Lexicon<AudienceWord>();
  private readonly who = new Lexicon<Who>(false);
  private readonly wishes = new Lexicon<Wish>();
  private readonly questions = new Lexicon<{ kind: string; plain: string }>();
  /** Other names residents use for an activity (misspelt compounds, Arabizi), by activity id. */
  private readonly aliases = new Map<string, string[]>();
  /** The same names as whole phrases: "job course" names an activity though both words are generic. */
  private readonly aliasPhrases = new Lexicon<string>(false);
  private readonly genericWords = new Set<string>();
  private readonly numberMarkers = new Set<string>();
  private readonly negations = new Set<string>();
  /** Negations glued to the verb: Levantine مابي/مابدي, Arabizi "mabdi". */
  private readonly negationPrefix = ['ماب', 'مش', 'mab', 'mesh', 'mish'];
  private readonly ordinals = new Lexicon<number>(false);
  private readonly fillers = new Set<string>();
  private activities: ActivityIndexEntry[] = [];
  /**
   * Name words that allow typos, found by a symmetric-deletion index: two words within k edits
   * share a string reachable by at most k deletions from each, so a message word is compared only
   * with the few name words it shares one with (instead of every name word of the catalogue).
   */
  private fuzzyWords: NameToken[] = [];
  /** The longest name word that allows typos: a longer message word cannot be within budget of any. */
  private longestFuzzyWord = 0;
  private fuzzyIndex = new Map<string, number[]>();
  private readonly nearMemo = new Map<string, string[]>();

  constructor(
    locales: LocaleNlu[],
    private readonly now: () => Date,
  ) {
    for (const l of locales) {
      for (const [cat, syns] of Object.entries(l.entities.categories)) {
        if (!isSignupCategory(cat)) continue;
        for (const s of syns) this.categories.add(s, cat);
      }
      for (const s of l.entities.categoryExclusions) this.categoryExclusions.add(s, true);
      for (const name of l.language.names) this.languages.add(name, l.lang);
      for (const a of l.entities.agePatterns) {
        const who = a.who === 'self' || a.who === 'child' ? a.who : undefined;
        this.ages.add(a.p.replace('{n}', ' {n} '), { min: a.min ?? 1, max: a.max ?? 110, who, offset: a.offset ?? 0, age: a.age });
      }
      for (const [aud, words] of Object.entries(l.entities.audiences ?? {})) {
        if ((AUDIENCES as readonly string[]).includes(aud)) for (const w of words) this.audiences.add(w, aud as AudienceWord);
      }
      for (const [who, words] of Object.entries(l.entities.who ?? {})) {
        if (who === 'self' || who === 'child') for (const w of words) this.who.add(w.replace('{num}', ' {num} '), who);
      }
      for (const [wish, words] of Object.entries(l.entities.wishes ?? {})) {
        if ((WISHES as readonly string[]).includes(wish)) for (const w of words) this.wishes.add(w, wish as Wish);
      }
      for (const [kind, words] of Object.entries(l.entities.questions ?? {})) {
        const plain = words.map((w) => normalise(w)).find((w) => w.length > 0 && !w.includes(' '));
        if (plain) for (const w of words) this.questions.add(w, { kind, plain });
      }
      for (const [id, names] of Object.entries(l.entities.activityAliases ?? {})) {
        this.aliases.set(id, [...(this.aliases.get(id) ?? []), ...names]);
        for (const n of names) this.aliasPhrases.add(n, id);
      }
      for (const [id, phrases] of Object.entries(l.entities.activityPhrases ?? {})) for (const n of phrases) this.aliasPhrases.add(n, id);
      for (const w of l.entities.genericNameWords ?? []) for (const t of tokenize(normalise(w))) this.genericWords.add(t);
      for (const m of l.entities.numberMarkers) this.numberMarkers.add(m === '#' ? '#' : normalise(m));
      for (const n of l.entities.negations) this.negations.add(normalise(n));
      for (const [w, v] of Object.entries(l.entities.ordinals)) this.ordinals.add(w, v);
      for (const f of l.entities.numberFillers) for (const t of tokenize(normalise(f))) this.fillers.add(t);
    }
  }

  setActivities(list: ActivityName[]): void {
    const tokenised = list.map((a) => ({
      id: a.id,
      names: [...a.names, ...(this.aliases.get(a.id) ?? [])].map((n) => tokenize(normalise(n))).filter((t) => t.length > 0),
    }));
    const df = new Map<string, number>();
    for (const a of tokenised) {
      for (const t of new Set(a.names.flat())) df.set(t, (df.get(t) ?? 0) + 1);
    }
    // Weights are fixed for a catalogue, so they are worked out here rather than on every message.
    const n = tokenised.length;
    this.activities = tokenised.map((a) => ({
      id: a.id,
      names: a.names.map((name) => {
        const tokens = name.map((token): NameToken => {
          const count = df.get(token) ?? 1;
          const generic = this.isGenericWord(token);
          return {
            token,
            weight: (token.length <= 2 || generic ? 0.2 : 1) * Math.log(1 + n / count) + 0.05,
            budget: /\d/.test(token) ? 0 : fuzzBudget(token.length),
            distinctive: count === 1 && token.length >= 5 && !/^\d+$/.test(token) && !generic,
            generic,
          };
        });
        return { tokens, total: tokens.reduce((sum, t) => sum + t.weight, 0) };
      }),
    }));
    const fuzzy = new Map<string, NameToken>();
    for (const a of this.activities) for (const name of a.names) for (const t of name.tokens) if (t.budget > 0) fuzzy.set(t.token, t);
    this.fuzzyWords = [...fuzzy.values()];
    this.longestFuzzyWord = Math.max(0, ...this.fuzzyWords.map((t) => t.token.length));
    this.fuzzyIndex = new Map();
    this.nearMemo.clear();
    this.fuzzyWords.forEach((t, i) => {
      for (const d of deletions(t.token, t.budget)) {
        const list = this.fuzzyIndex.get(d);
        if (list) list.push(i);
        else this.fuzzyIndex.set(d, [i]);
      }
    });
  }

  /** "forældre", "youth", "kursus": words that say who or what kind, not which activity. */
  private isGenericWord(token: string): boolean {
    return this.genericWords.has(token) || this.audiences.matchAll([token]).length > 0;
  }

  extract(text: string): Extraction {
    const entities: Entities = {};
    const folded = foldText(text);
    const now = this.now();

    // Dates first ("12.03.2011" has eight digits like a phone number), then phone numbers.
    const plausibleYear = (y: number): boolean => y >= now.getFullYear() - 110 && y <= now.getFullYear();
    const dates = findDates(folded, now).filter((d) => plausibleYear(d.year));
    if (dates.length > 0) entities.birthYear = dates[0].year;
    const phones = findPhones(blank(folded, dates));
    if (phones.length > 0) entities.phone = phones[0].phone;

    const rest = blank(blank(folded, phones), dates);
    // "#2" → "nr 2" so the marker survives punctuation removal.
    const tokens = tokenize(normalise(rest.replace(/#\s*(\d)/g, ' nr $1')));
    const used = new Set<number>();

    // Birth year: a 4-digit number in a plausible range.
    if (entities.birthYear === undefined) {
      tokens.forEach((t, i) => {
        if (entities.birthYear === undefined && /^\d{4}$/.test(t) && plausibleYear(Number(t))) {
          entities.birthYear = Number(t);
          used.add(i);
        }
      });
    } else {
      tokens.forEach((t, i) => /^\d{4}$/.test(t) && used.add(i));
    }

    // Age: "jeg er 14", "14 år", "I'm 13", "عمري 14", "ابني عمره ١٣ سنة".
    // A school class says the age too: "han går i 7. klasse", "year 8", "بالصف السابع" (class + 6).
    for (const m of this.ages.matchAll(tokens)) {
      if (m.payload.age !== undefined) {
        entities.age = m.payload.age;
        if (m.payload.who) entities.who = m.payload.who;
        break;
      }
      const n = m.captured;
      if (n === undefined || !Number.isInteger(n) || n < m.payload.min || n > m.payload.max) continue;
      const idx = tokens.findIndex((t, i) => i >= m.start && i <= m.end && t === String(n));
      if (idx >= 0 && used.has(idx)) continue;
      entities.age = n + m.payload.offset;
      if (m.payload.who) entities.who = m.payload.who;
      if (idx >= 0) used.add(idx);
      break;
    }

    // Choice number: "nummer 2", "nr. 2", "رقم ٢" anywhere; or a message that is only a number
    // or an ordinal ("2", "the second one", "الثاني").
    let bareNumber = false;
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (this.numberMarkers.has(tokens[i]) && /^\d{1,3}$/.test(tokens[i + 1]) && !used.has(i + 1)) {
        entities.number = Number(tokens[i + 1]);
        used.add(i + 1);
        break;
      }
    }
    const content = tokens.filter((t, i) => !used.has(i) && !this.fillers.has(t));
    if (entities.number === undefined && content.length === 1 && /^\d{1,3}$/.test(content[0]) && entities.age === undefined) {
      entities.number = Number(content[0]);
      bareNumber = true;
    } else if (entities.number === undefined && content.length >= 1 && content.length <= 2) {
      const ord = bestMatch(this.ordinals.matchAll(content));
      if (ord && ord.end - ord.start + 1 === content.length) {
        entities.number = ord.payload;
        bareNumber = true;
      }
    } else if (entities.number !== undefined && content.length === 0) {
      bareNumber = true;
    }

    const mentionSpans: Span[] = [];

    // Category: the most specific synonym, minus exclusions ("of course").
    const excluded = this.categoryExclusions.matchAll(tokens).map((m) => ({ start: m.start, end: m.end }));
    const cat = bestMatch(withoutOverlap(this.categories.matchAll(tokens), excluded));
    if (cat) {
      entities.category = cat.payload;
      mentionSpans.push({ start: cat.start, end: cat.end });
    }

    // Language: the last language named that is not negated ("jeg forstår ikke dansk").
    const langMatches = this.languages.matchAll(tokens);
    const inLangName = new Set<number>();
    for (const m of langMatches) for (let i = m.start; i <= m.end; i++) inLangName.add(i);
    const langs = langMatches.filter((m) => !this.negated(tokens, m, inLangName)).sort((a, b) => a.start - b.start);
    if (langs.length > 0) {
      const last = langs[langs.length - 1];
      entities.language = last.payload;
      mentionSpans.push({ start: last.start, end: last.end });
    }
    // Negated language names still count as mentions for the "bare" rules.
    for (const m of langMatches) mentionSpans.push({ start: m.start, end: m.end });

    const phrase = bestMatch(this.aliasPhrases.matchAll(tokens));
    const act = this.matchActivity(tokens) ?? (phrase ? { id: phrase.payload, score: 1, spans: [{ start: phrase.start, end: phrase.end }] } : null);
    if (act) {
      entities.activity = act.id;
      mentionSpans.push(...act.spans);
    }

    this.whoIsAsking(tokens, entities);

    const negation = tokens.some((t) => this.negations.has(t) || this.negationPrefix.some((p) => t.startsWith(p) && t.length > p.length + 1));
    return { entities, tokens, mentionSpans, bareNumber, negation, asks: this.asks(tokens) };
  }

  /** The question words of a message: the longest phrases first ("hvor meget" is a price, not "hvor"). */
  private asks(tokens: string[]): Extraction['asks'] {
    const taken = new Set<number>();
    const out: Extraction['asks'] = [];
    const all = this.questions.matchAll(tokens).sort((a, b) => b.pattern.weight - a.pattern.weight || a.start - b.start);
    for (const m of all) {
      let free = true;
      for (let i = m.start; i <= m.end && free; i++) if (taken.has(i)) free = false;
      if (!free) continue;
      for (let i = m.start; i <= m.end; i++) taken.add(i);
      out.push({ kind: m.payload.kind, start: m.start, end: m.end, plain: m.payload.plain });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /**
   * Who the message is about and what they would like: "for my 10-year-old" (child, 10), "for
   * unge" (youth), "I am 45 and need a job" (self, 45, adults, job). A child word beats the
   * writer's own age phrase ("jeg er mor til en dreng på 10"); the wish falls back to the category.
   */
  private whoIsAsking(tokens: string[], entities: Entities): void {
    const who = this.who.matchAll(tokens);
    if (who.some((m) => m.payload === 'child')) entities.who = 'child';
    else if (!entities.who && who.length > 0) entities.who = 'self';
    const found = new Set(this.audiences.matchAll(tokens).map((m) => m.payload));
    const audience = AUDIENCES.find((a) => found.has(a));
    if (audience) entities.audience = audience;
    const wish = bestMatch(this.wishes.matchAll(tokens));
    const fromCategory = entities.category ? wishOfSignupCategory(entities.category) : undefined;
    // A category synonym is the more specific word ("kursus for forældre" is a course, not a meeting).
    if (fromCategory ?? wish) entities.wish = fromCategory ?? wish!.payload;
  }

  /** A negation within two words before the name, not separated by another language name ("no danish, english"). */
  private negated(tokens: string[], m: Match<string>, inLangName: Set<number>): boolean {
    for (let i = m.start - 1; i >= Math.max(0, m.start - 2); i--) {
      if (inLangName.has(i)) return false;
      if (this.negations.has(tokens[i])) return true;
    }
    return false;
  }

  /**
   * Fuzzy activity match: each name's tokens are weighted by rarity across the catalogue; a name
   * matches when most of its weight is found in the message (exact, clitic-stripped, or within a
   * small edit distance), or when a distinctive token (unique to one activity, 5+ letters) is.
   */
  /**
   * The name words that allow typos within edit budget of a message word. The same words come in
   * message after message, and the deletions behind this were a quarter of a parse: remembered
   * per word until the catalogue changes (bounded, like the lexicons' token cache).
   */
  private nameWordsNear(v: string): string[] {
    const known = this.nearMemo.get(v);
    if (known) return known;
    const near: string[] = [];
    const reach = reachFor(v.length);
    // Deletions grow as length^reach: a 1,000-letter "word" once cost seconds and gigabytes.
    if (reach > 0 && v.length - reach <= this.longestFuzzyWord) {
      const candidates = new Set<number>();
      for (const d of deletions(v, reach)) for (const c of this.fuzzyIndex.get(d) ?? []) candidates.add(c);
      for (const c of candidates) {
        const { token, budget } = this.fuzzyWords[c];
        if (Math.abs(v.length - token.length) <= budget && editDistance(v, token, budget) <= budget) near.push(token);
      }
    }
    if (this.nearMemo.size >= NEAR_MEMO_MAX) this.nearMemo.clear();
    this.nearMemo.set(v, near);
    return near;
  }

  private matchActivity(tokens: string[]): { id: string; score: number; spans: Span[] } | null {
    if (this.activities.length === 0 || tokens.length === 0) return null;
    const variants = tokens.map((t, i) => wordVariants(t, tokens[i + 1]));
    const exact = new Map<string, number>();
    variants.forEach((vs, i) => vs.forEach((v) => exact.has(v) || exact.set(v, i)));
    // Where in the message a name's word is: exactly, else within its edit budget (-1: nowhere).
    const fuzzyAt = new Map<string, number>();
    variants.forEach((vs, i) => {
      for (const v of vs) {
        for (const token of this.nameWordsNear(v)) if (!fuzzyAt.has(token) && !exact.has(token)) fuzzyAt.set(token, i);
      }
    });
    let best: { id: string; score: number; spans: Span[] } | null = null;
    for (const a of this.activities) {
      for (const name of a.names) {
        let got = 0;
        let distinctive = false;
        let specific = false;
        const spans: Span[] = [];
        for (const t of name.tokens) {
          const exactAt = exact.get(t.token);
          const at = exactAt ?? fuzzyAt.get(t.token) ?? -1;
          if (at >= 0) {
            got += t.weight;
            spans.push({ start: at, end: at });
            if (!t.generic) specific = true;
            // A typo of a short word ("need" for "needs") is too weak to name an activity alone.
            if (t.distinctive && (exactAt !== undefined || t.token.length >= 7)) distinctive = true;
          }
        }
        // "for forældre" or "youth" alone says who, not which activity.
        if (name.total === 0 || !specific) continue;
        let score = got / name.total;
        if (distinctive) score = Math.max(score, 0.75);
        if (score >= 0.7 && (!best || score > best.score)) best = { id: a.id, score, spans };
      }
    }
    return best;
  }

}
