// Matches an answer against offered choices the way people pick from a list: the stable value
// (what a button sends), the translated title, its number ("2", "nummer 2", "٢"), a position
// ("den anden", "the last one", "تاني واحد", "awal wa7ad"), a day, date or time that names one
// session ("lørdag", "d. 12/12", "the one on saturday", "السبت الجاي", "kl 17"), the earliest
// ("den næste", "أقرب واحد"), or a partial or misspelt title ("forældre kurset"). When two options
// fit equally, the caller asks which (ambiguous). Words live in locales/<lang>/signup.json
// (answers.choice); every language's words count.
import type { I18n } from '../src/i18n';
import { arabicVariants, editDistance, foldText, isArabicToken, normalise, tokenize } from '../src/understanding/normalise';
import type { Choice } from './reply';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A choice with what else names it: its title in other languages, a schedule, a session's time. */
export interface Option extends Choice {
  names?: string[];
  /** A session's start (ISO string or Date): days, dates and times are matched against it. */
  when?: string | Date;
  /**
   * Picked by its whole title, number or position only, never by a word of its title: a menu's
   * "See activities" or "Sign up" is no pick for "aktiviteter for børn", which asks for more.
   */
  wholeTitleOnly?: boolean;
}

export type ChoiceMatch<T extends Choice = Choice> = { picked: T } | { ambiguous: T[] };

export interface ChoiceWords {
  /** Phrase → position: 1.., -1 the last, 0 the earliest. Single and multi-word phrases. */
  positions: Map<string, number>;
  cardinals: Map<string, number>;
  weekdays: Map<string, number>;
  months: Map<string, number>;
  fillers: Set<string>;
  /** Words that make a message more than a pick ("men", "when", "متى"). */
  buts: Set<string>;
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const POSITION_KEYS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1, earliest: 0 };

const toks = (s: string) => tokenize(normalise(s));
const wordsCache = new WeakMap<I18n, ChoiceWords>();

export function choiceWords(i18n: I18n): ChoiceWords {
  const cached = wordsCache.get(i18n);
  if (cached) return cached;
  const w: ChoiceWords = { positions: new Map(), cardinals: new Map(), weekdays: new Map(), months: new Map(), fillers: new Set(), buts: new Set() };
  const key = (k: string) => `signup:answers.choice.${k}`;
  for (const lang of i18n.languages) {
    for (const [k, n] of Object.entries(POSITION_KEYS)) for (const p of i18n.list(lang, key(k))) w.positions.set(toks(p).join(' '), n);
    for (let n = 1; n <= 5; n++) for (const p of i18n.list(lang, key(`cardinal.${n}`))) w.cardinals.set(toks(p).join(' '), n);
    WEEKDAY_KEYS.forEach((d, i) => i18n.list(lang, key(`weekday.${d}`)).forEach((p) => w.weekdays.set(toks(p).join(' '), i)));
    for (let m = 1; m <= 12; m++) for (const p of i18n.list(lang, key(`month.${m}`))) w.months.set(toks(p).join(' '), m);
    for (const p of i18n.list(lang, key('filler'))) for (const t of toks(p)) w.fillers.add(t);
    for (const p of i18n.list(lang, key('but'))) for (const t of toks(p)) w.buts.add(t);
  }
  wordsCache.set(i18n, w);
  return w;
}

/** Looks a phrase up at token i: the longest of up to three tokens, Arabic clitics allowed ("بالسبت"). */
function lookup<V>(map: Map<string, V>, tokens: string[], i: number): { value: V; length: number } | undefined {
  for (let len = Math.min(3, tokens.length - i); len >= 1; len--) {
    const phrase = tokens.slice(i, i + len).join(' ');
    if (map.has(phrase)) return { value: map.get(phrase)!, length: len };
    if (len === 1 && isArabicToken(phrase)) {
      for (const v of arabicVariants(phrase)) if (map.has(v)) return { value: map.get(v)!, length: 1 };
    }
  }
  return undefined;
}

interface When {
  weekday?: number;
  day?: number;
  month?: number;
  hour?: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', weekday: 'short', day: 'numeric', month: 'numeric', hour: 'numeric', hourCycle: 'h23' });
const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localParts(d: Date): Required<When> {
  const p = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return { weekday: SHORT_DAYS.indexOf(p.weekday), day: Number(p.day), month: Number(p.month), hour: Number(p.hour) };
}

/** Day, date and time said in the message; `used` marks the tokens they took. */
function whenSaid(text: string, tokens: string[], w: ChoiceWords, used: Set<number>): When {
  const said: When = {};
  const f = foldText(text).toLowerCase();
  // kl 17 / kl. 17.00 / at 5 pm / 17:00 / الساعة ٥
  const time = /(?:\bkl\.?|\bklokken|\bat|الساعة|الساعه|\bsa3a|\bsaa3a)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?/u.exec(f) ?? /(?<![\d./])(\d{1,2})[:](\d{2})(?!\d)/.exec(f) ?? /(?<![\d./])(\d{1,2})\s*(am|pm)\b/.exec(f);
  let rest = f;
  if (time) {
    let h = Number(time[1]);
    const ampm = time[3] ?? (time[2] && /^(am|pm)$/.test(time[2]) ? time[2] : undefined);
    if (ampm === 'pm' && h < 12) h += 12;
    // "kl 5" in the afternoon: activities are not at 5 in the morning.
    if (!ampm && h >= 1 && h <= 7) h += 12;
    if (h <= 23) said.hour = h;
    rest = f.replace(time[0], ' ');
  }
  const numeric = /(?<![\d:])(\d{1,2})\s*[./]\s*(\d{1,2})(?![\d:])/.exec(rest);
  if (numeric && Number(numeric[2]) >= 1 && Number(numeric[2]) <= 12 && Number(numeric[1]) >= 1 && Number(numeric[1]) <= 31) {
    said.day = Number(numeric[1]);
    said.month = Number(numeric[2]);
  }
  tokens.forEach((t, i) => {
    if (used.has(i)) return;
    const day = lookup(w.weekdays, tokens, i);
    if (day) {
      said.weekday = day.value;
      for (let k = 0; k < day.length; k++) used.add(i + k);
      return;
    }
    const month = lookup(w.months, tokens, i);
    if (month && said.month === undefined) {
      // "12. december", "december 12th", "١٢ ديسمبر": the day is the number next to the month.
      const near = [tokens[i - 1], tokens[i + month.length]].map((x) => (x ?? '').replace(/(st|nd|rd|th)$/, ''));
      const day = near.find((x) => /^\d{1,2}$/.test(x) && Number(x) >= 1 && Number(x) <= 31);
      if (day) {
        said.month = month.value;
        said.day = Number(day);
        for (let k = 0; k < month.length; k++) used.add(i + k);
      }
    }
  });
  if (said.day === undefined) {
    // "d. 12", "den 12.", "the 12th"
    const dayOnly = /(?:\bd\.|\bden|\bthe)\s*(\d{1,2})\b(?![:.]\d)|\b(\d{1,2})(?:st|nd|rd|th)\b/.exec(rest);
    const n = dayOnly ? Number(dayOnly[1] ?? dayOnly[2]) : NaN;
    if (n >= 1 && n <= 31) said.day = n;
  }
  // The digits the date or time used are no title words.
  const digits = new Set([said.day, said.month, said.hour, said.hour !== undefined && said.hour > 12 ? said.hour - 12 : undefined].filter((x) => x !== undefined).map(String));
  tokens.forEach((t, i) => (/^\d+$/.test(t) && (digits.has(String(Number(t))) || t === '00' || t === '30')) || /^\d+(st|nd|rd|th)$/.test(t) ? used.add(i) : undefined);
  return said;
}

function fits(when: Date, said: When): boolean {
  const p = localParts(when);
  return (said.weekday === undefined || p.weekday === said.weekday) && (said.day === undefined || p.day === said.day) &&
    (said.month === undefined || p.month === said.month) && (said.hour === undefined || p.hour === said.hour);
}

const dateOf = (o: Option) => (o.when ? new Date(o.when) : undefined);

function earliest<T extends Option>(options: T[]): T {
  const dated = options.filter((o) => o.when);
  if (!dated.length) return options[0];
  return dated.reduce((a, b) => (dateOf(b)!.getTime() < dateOf(a)!.getTime() ? b : a));
}

/** Danish definite endings and Arabic clitics: the forms a word is compared in. */
function forms(t: string): string[] {
  if (isArabicToken(t)) return arabicVariants(t);
  const out = [t];
  for (const e of ['erne', 'ene', 'en', 'et', 'e', 's']) if (t.length - e.length >= 4 && t.endsWith(e)) out.push(t.slice(0, -e.length));
  // Adjectives: "åbne"/"åbent" are "åben", "sikre" is "sikker" (the plural drops the e before n/r).
  if (t.length >= 4 && /[^aeiouyæøå]t$/.test(t)) out.push(t.slice(0, -1));
  const syncope = /^(.*[^aeiouyæøå])([nr])e$/.exec(t);
  if (t.length >= 4 && syncope) out.push(`${syncope[1]}e${syncope[2]}`);
  return out;
}

function wordFits(answer: string, title: string): boolean {
  for (const a of forms(answer)) {
    for (const b of forms(title)) {
      if (a === b) return true;
      // A compound's first part ("forældre" in "forældrekursus"), or a shortened word ("maker").
      if (a.length >= 5 && b.startsWith(a)) return true;
      const budget = a.length >= 8 ? 2 : a.length >= 5 ? 1 : 0;
      if (budget && Math.abs(a.length - b.length) <= budget && editDistance(a, b, budget) <= budget) return true;
    }
  }
  return false;
}

/**
 * A Danish compound's last part ("job" in "lommepengejob", "skole" in "ungdomsskole"): the word
 * a resident picks it by ("det med job"). Only for picks from a list, where every option is seen.
 */
function compoundHead(answer: string, title: string): boolean {
  return answer.length >= 3 && !isArabicToken(answer) && title.length >= answer.length + 4 && forms(title).some((f) => f.endsWith(answer));
}

/** Words of the answer found in each option's names, weighted by how few options they fit. */
function byTitle<T extends Option>(words: string[], options: T[]): ChoiceMatch<T> | undefined {
  if (!words.length) return undefined;
  const nameTokens = options.map((o) => {
    if (o.wholeTitleOnly) return [];
    const list = [o.title, ...(o.names ?? [])].flatMap((n) => toks(n)).filter((t) => !/^\d+$/.test(t));
    // Compounds written apart ("forældre kurset") are compared joined, too.
    return list;
  });
  const joined = words.slice(0, -1).map((w, i) => w + words[i + 1]);
  const found = (w: string, k: number) => nameTokens[k].some((t) => wordFits(w, t) || compoundHead(w, t));
  const score = options.map(() => 0);
  let matchedWords = 0;
  const consider = (w: string) => {
    const hits = options.map((_, k) => found(w, k));
    const n = hits.filter(Boolean).length;
    if (!n) return false;
    if (n < options.length || options.length === 1) hits.forEach((h, k) => h && (score[k] += Math.log(1 + options.length / n)));
    return true;
  };
  for (const w of words) if (consider(w)) matchedWords++;
  for (const j of joined) consider(j);
  const best = Math.max(...score);
  // More than a pick: most of the message must be about the options.
  if (best <= 0 || words.length - matchedWords > Math.max(1, matchedWords)) return undefined;
  const top = options.filter((_, k) => score[k] >= best - 1e-9);
  return top.length === 1 ? { picked: top[0] } : { ambiguous: top };
}

/**
 * The option an answer picks, the few it could mean, or undefined. `number`: a choice number the
 * understanding found ("nummer 2", "٢"). Without `words` only values, titles and numbers count
 * (the router outside flows); with them, positions, days, dates and partial titles too.
 */
export function matchChoice<T extends Option>(text: string, options: T[], opts: { number?: number; words?: ChoiceWords; menu?: boolean } = {}): ChoiceMatch<T> | undefined {
  const answer = fold(text);
  if (!answer || !options.length) return undefined;
  const exact = options.find((c) => fold(c.value) === answer || fold(c.title) === answer || (c.names ?? []).some((n) => fold(n) === answer));
  if (exact) return { picked: exact };
  const { number, words: w } = opts;
  if (number !== undefined && Number.isInteger(number) && number >= 1 && number <= options.length) return { picked: options[number - 1] };
  if (!w) return undefined;
  const tokens = toks(text);
  const used = new Set<number>();
  // Positions: "den sidste", "تاني واحد", "the earliest", "nummer to".
  let position: number | undefined;
  let cardinal: number | undefined;
  const dated = options.filter((o) => o.when);
  for (let i = 0; i < tokens.length; i++) {
    // "الاثنين" is Monday and "two": among dates, a weekday is a day, never a number.
    if (dated.length && lookup(w.weekdays, tokens, i)) continue;
    const p = lookup(w.positions, tokens, i);
    if (p) {
      position = p.value;
      for (let k = 0; k < p.length; k++) used.add(i + k);
      i += p.length - 1;
      continue;
    }
    const c = lookup(w.cardinals, tokens, i);
    if (c) {
      cardinal = c.value;
      used.add(i);
    }
  }
  const said = whenSaid(text, tokens, w, used);
  const rest = tokens.filter((t, i) => !used.has(i) && !w.fillers.has(t) && !(isArabicToken(t) && arabicVariants(t).some((v) => w.fillers.has(v))));
  const question = /[?؟]/.test(text) || tokens.some((t) => w.buts.has(t));
  if (question) return undefined;
  const saidWhen = Object.keys(said).length > 0;
  // A menu of steps or activities has no dates: "السبت الجاي", "næste uge", "the next one" answer
  // another question (when to come), and pick nothing from it.
  if (opts.menu && !dated.length && (saidWhen || position === 0)) return undefined;
  if (saidWhen && dated.length) {
    const hits = dated.filter((o) => fits(dateOf(o)!, said));
    if (!hits.length) return undefined;
    if (position === -1) return { picked: hits[hits.length - 1] };
    if (position !== undefined && position >= 1 && position <= hits.length) return { picked: hits[position - 1] };
    if (hits.length === 1) return { picked: hits[0] };
    // "lørdag", "kl 17": the coming one; a whole date that fits two times: ask which.
    return said.day !== undefined && said.hour === undefined ? { ambiguous: hits } : { picked: earliest(hits) };
  }
  if (position !== undefined && !rest.length) {
    if (position === -1) return { picked: options[options.length - 1] };
    if (position === 0) return { picked: earliest(options) };
    if (position <= options.length) return { picked: options[position - 1] };
    return undefined;
  }
  if (cardinal !== undefined && !rest.length && cardinal <= options.length) return { picked: options[cardinal - 1] };
  const titled = byTitle(rest, options);
  if (titled && 'ambiguous' in titled && position !== undefined) {
    // "den første makerspace": a position among the ones the title fits.
    const list = titled.ambiguous;
    const at = position === -1 ? list.length : position === 0 ? 1 : position;
    if (at >= 1 && at <= list.length) return { picked: list[at - 1] };
  }
  return titled;
}

/**
 * The words of a message that could name an option by its title, and each option's title words;
 * undefined when the message is a question or says "but". The kind's own name ("a course") names
 * none of its activities, and short words ("til", "for", "og") are in many titles and name none.
 */
function titleWords<T extends Option>(text: string, options: T[], w: ChoiceWords, generic: readonly string[]): { rest: string[]; nameTokens: string[][] } | undefined {
  const kinds = generic.flatMap((g) => toks(g));
  const tokens = toks(text).filter((t) => !kinds.some((k) => wordFits(t, k)));
  if (/[?؟]/.test(text) || tokens.some((t) => w.buts.has(t))) return undefined;
  const rest = tokens.filter((t) => !/^\d+$/.test(t) && !w.fillers.has(t) && (isArabicToken(t) || t.length >= 4));
  const nameTokens = options.map((o) => [o.title, ...(o.names ?? [])].flatMap((n) => toks(n)).filter((t) => !/^\d+$/.test(t)));
  return { rest, nameTokens };
}

/**
 * Only the options a message names by their title ("det åbne værksted"): no numbers, positions or
 * days, so a message that answered another question picks nothing by accident.
 */
export function matchTitle<T extends Option>(text: string, options: T[], w: ChoiceWords, generic: readonly string[] = []): T | undefined {
  const found = options.length ? titleWords(text, options, w, generic) : undefined;
  if (!found) return undefined;
  const { rest, nameTokens } = found;
  // Words that name one option and no other: the title's own words ("åbent", "naboer", "unge").
  const score = options.map((_, k) => rest.filter((word) => nameTokens[k].some((t) => wordFits(word, t)) && nameTokens.filter((n, j) => j !== k && n.some((t) => wordFits(word, t))).length === 0).length);
  const best = Math.max(...score);
  const top = options.filter((_, k) => score[k] === best);
  return best > 0 && top.length === 1 ? top[0] : undefined;
}

/**
 * The few options a message's title words fit when no word names one alone ("det med værkstedet"
 * with two workshops): the question is then which of those. Empty when the words fit none, or all.
 */
export function matchTitles<T extends Option>(text: string, options: T[], w: ChoiceWords, generic: readonly string[] = []): T[] {
  const found = options.length >= 2 ? titleWords(text, options, w, generic) : undefined;
  if (!found) return [];
  const { rest, nameTokens } = found;
  const score = options.map((_, k) => rest.filter((word) => nameTokens[k].some((t) => wordFits(word, t))).length);
  const best = Math.max(...score);
  // Most of what is said must be title words: "jeg vil gerne noget med børn" is no pick.
  if (best <= 0 || rest.length - best > Math.max(1, best)) return [];
  const top = options.filter((_, k) => score[k] === best);
  return top.length < options.length ? top : [];
}

/** The router's plain match (values, titles, numbers): kept for callers outside the prompts. */
export function resolveChoice(text: string, choices: Choice[], number?: number, words?: ChoiceWords): Choice | undefined {
  const m = matchChoice(text, choices, { number, words });
  return m && 'picked' in m ? m.picked : undefined;
}

/**
 * The day or date an answer names when no option is on it ("fredag" when every session is on a
 * Tuesday): the answer is about the question, and the resident is told which days there are.
 * `weekday` (0 = Sunday) when a day of the week was said, else only a date.
 */
export function missingDay(text: string, options: Option[], w: ChoiceWords): { weekday?: number } | undefined {
  const dated = options.filter((o) => o.when);
  if (!dated.length) return undefined;
  const tokens = toks(text);
  // "hvad tjener man?", "when is it on friday?": a question is not an answer with a day.
  if (tokens.some((t) => w.buts.has(t) && !CONJUNCTIONS.has(t))) return undefined;
  const used = new Set<number>();
  const said = whenSaid(text, tokens, w, used);
  if (said.weekday === undefined && said.day === undefined) return undefined;
  // "man", "tor", "søn" are days only when the message is little more than the day.
  if (said.day === undefined && tokens.length > 2 && [...used].every((i) => tokens[i].length <= 3)) return undefined;
  if (dated.some((o) => fits(dateOf(o)!, said))) return undefined;
  return { weekday: said.weekday };
}

/** "but"-words that do not make a message a question ("kan jeg komme om fredagen"). */
const CONJUNCTIONS = new Set(['kan', 'can', 'men', 'but', 'بس', 'لكن']);

/** The weekdays the options are on (0 = Sunday), in the order they come. */
export function weekdaysOf(options: Option[]): number[] {
  return [...new Set(options.filter((o) => o.when).map((o) => localParts(dateOf(o)!).weekday))];
}
