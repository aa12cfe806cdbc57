// Masks personal data before text leaves the machine (every LLM call): CPR numbers → <cpr>, birth
// dates and other dates → <date>, street addresses and postcodes with a town → <address>, phone
// numbers → <phone>, e-mail addresses → <email>, names → <name>.
//
// Names are found (a) after phrases that introduce a name ("jeg hedder", "my name is", "اسمي",
// "ismi" ...: the next word, and a second one when it also looks like a name), (b) after weaker
// phrases ("I am", "jeg er", "انا", "ana" ...) when the next word looks like a name: capitalised
// (Latin) and not a word the intent model knows, or (Arabic/lower case) simply not a known word,
// and (c) every word the caller lists in `names` (the resident's and children's names).

import { asciiDigits, normalise } from './normalise';
import { findPhones } from './entities';

export interface MaskOptions {
  /** Words known to the intent model (lower-case, normalised): never treated as names. */
  isKnownWord?: (normalisedWord: string) => boolean;
  /** Names to mask wherever they appear (case- and diacritics-insensitive). */
  names?: string[];
  /**
   * The message answers the bot's question for this slot ("name", "guardianName", …): an answer to a
   * name question is a name, every word of it the model does not know ("Aisha Ali", "يوسف الأحمد").
   */
  answering?: string;
}

/** Slots whose answer is a person's name. */
const NAME_SLOTS = new Set(['name', 'guardianName', 'participantName']);

// A CPR number (personnummer): ddmmyy, an optional dash or space, four digits.
const CPR = /(?<![\d+])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[ -]?\d{4}(?!\d)/g;
// Dates: 12.03.2012, 12/3/12, 12-03-2012, 2012-03-12, "12. marts 2012", "12 March 2012", "March 12, 2012", "12 مارس 2012".
const MONTHS = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'may', 'june', 'july', 'october',
  'يناير', 'فبراير', 'مارس', 'أبريل', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'اغسطس', 'سبتمبر', 'أكتوبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون الثاني', 'شباط', 'آذار', 'اذار', 'نيسان', 'أيار', 'ايار', 'حزيران', 'تموز', 'آب', 'اب', 'أيلول', 'ايلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول',
].join('|');
const DATE = new RegExp(
  [
    String.raw`(?<![\d+]|\d[./-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![./-]?\d)`,
    String.raw`(?<![\d+]|\d[./-])\d{4}[./-]\d{1,2}[./-]\d{1,2}(?![./-]?\d)`,
    String.raw`(?<!\d)\d{1,2}\.?\s*(?:${MONTHS})\.?\s*(?:\d{4}|\d{2})?(?![\p{L}\d])`,
    String.raw`(?<![\p{L}])(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?(?!\d)`,
  ].join('|'),
  'giu',
);
// Addresses: a street name with a Danish street word or an English/Arabic one, and a house number
// (with floor and side), and a four-digit postcode with the town after it.
const STREET_WORDS = 'vej|gade|allé|alle|vænget|vaenget|parken|plads|stræde|straede|boulevard|toften|vang|vangen|have|haven|park|stien|torv|bakken|højen|hoejen|engen|gården|garden|lund|holm';
const ADDRESS = new RegExp(
  [
    String.raw`[\p{L}-]*(?:${STREET_WORDS})\s+\d{1,4}\s*[a-zA-Z]?(?:,?\s*(?:\d{1,2}\.?\s*(?:sal|th|tv|mf|t\.?h|t\.?v)\.?|st\.?(?:\s*(?:th|tv|mf))?\.?))?`,
    String.raw`\d{1,4}\s+[\p{Lu}][\p{L}]*\s+(?:[Ss]treet|[Ss]t\.|[Rr]oad|[Rr]d\.?|[Aa]venue|[Aa]ve\.?|[Ll]ane|[Ww]ay|[Dd]rive|[Cc]lose)`,
    String.raw`(?:شارع|حارة|طريق)\s+[\p{L}]+(?:\s+(?:رقم\s*)?\d{1,4})?`,
    String.raw`(?<!\d)\d{4}\s+(?:[\p{Lu}][\p{L}]+|høje-taastrup|taastrup|hedehusene)(?:[\s-][\p{Lu}][\p{L}]+)?`,
  ].join('|'),
  'gu',
);

// Phrases after which the next word is a name. Written normalised (æ→ae, ø→oe, å→aa, lower case).
const STRONG = [
  'jeg hedder', 'hedder', 'mit navn er', 'navnet er', 'han hedder', 'hun hedder', 'min soen hedder', 'min datter hedder',
  'my name is', 'my names', 'name is', 'is called', 'im called', 'call me',
  'اسمي', 'اسمه', 'اسمها', 'اسم ابني', 'اسم بنتي', 'واسمي', 'واسمه', 'واسمها', 'واسم ابني', 'واسم بنتي', 'ismi', 'esmi', 'esmo', 'esma', 'ismo', 'isma',
];
const WEAK = [
  'jeg er', 'i am', 'im', 'this is', 'its', 'det er', 'her er', 'انا', 'معك', 'ana', 'ena', 'hier ist', 'ich bin',
  // "my daughter Henriette", "ابني يوسف": a capitalised (or Arabic) unknown word after a child is a name.
  'my daughter', 'my son', 'my child', 'my kid', 'min datter', 'min soen', 'mit barn', 'min dreng', 'min pige',
  'ابني', 'بنتي', 'ابنتي', 'ولدي', 'ibni', 'binti',
];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Any other run of 6+ digits (foreign phone numbers, CPR numbers, dates written without gaps).
const LONG_NUMBER = /\+?\d(?:[\s\-.()/]{0,2}\d){5,}/g;

interface Word {
  start: number;
  end: number;
  raw: string;
  norm: string;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}'’-]+|<\w+>/gu)) {
    const raw = m[0];
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + raw.length, raw, norm: normalise(raw) });
  }
  return out;
}

function isCapitalised(raw: string): boolean {
  const first = raw[0];
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function isArabic(raw: string): boolean {
  return /[\u0600-\u06ff]/.test(raw);
}

export interface Span {
  start: number;
  end: number;
  tag: string;
}

function replaceSpans(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of keepFirst(spans)) {
    out += text.slice(at, s.start) + s.tag;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Sorted by start, a span overlapping an earlier one left out. */
function keepFirst(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) if (!out.length || s.start >= out[out.length - 1].end) out.push(s);
  return out;
}

/** Maps a position in replaceSpans' output back to the text it was made from (outside the replaced spans). */
function originalPosition(spans: Span[]): (pos: number) => number {
  const kept = keepFirst(spans);
  return (pos) => {
    let shift = 0;
    for (const s of kept) {
      const outStart = s.start + shift;
      if (pos < outStart + s.tag.length) break;
      shift += s.tag.length - (s.end - s.start);
    }
    return pos - shift;
  };
}

export function maskPersonalData(text: string, opts: MaskOptions = {}): string {
  return replaceSpans(text, findPersonalData(text, opts));
}

/**
 * Where the personal data is in `text`: spans over the text as given, each with its tag (<name>, <phone> …),
 * none overlapping. maskPersonalData replaces them by the tags; the handoff translator by placeholders it puts back.
 */
export function findPersonalData(text: string, opts: MaskOptions = {}): Span[] {
  const known = opts.isKnownWord ?? (() => false);
  // 1. Phones (Danish formats, Arabic-Indic digits included) and other long numbers, e-mails.
  //    asciiDigits keeps string length, so spans map back onto the original text.
  const digits = asciiDigits(text);
  const spans: Span[] = [];
  const free = (start: number, end: number) => !spans.some((s) => start < s.end && s.start < end);
  const add = (re: RegExp, tag: string) => {
    for (const m of digits.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].trimEnd().length;
      if (end > start && free(start, end)) spans.push({ start, end, tag });
    }
  };
  add(CPR, '<cpr>');
  add(DATE, '<date>');
  add(ADDRESS, '<address>');
  add(EMAIL, '<email>');
  for (const p of findPhones(digits)) if (free(p.start, p.end)) spans.push({ start: p.start, end: p.end, tag: '<phone>' });
  for (const m of digits.matchAll(LONG_NUMBER)) {
    const start = m.index ?? 0;
    if (!spans.some((s) => start < s.end && s.start < start + m[0].length)) spans.push({ start, end: start + m[0].length, tag: '<phone>' });
  }
  const out = replaceSpans(text, spans);

  // 2. Names.
  const ws = words(out);
  const nameSpans: Span[] = [];
  const isWord = (w: Word | undefined): w is Word => !!w && !w.raw.startsWith('<') && w.norm.length >= 2 && !/^\d/.test(w.norm);
  // A word after "I am"/"انا" is a name if the model does not know it and, in Latin letters,
  // it is capitalised ("I am Sara" but not "I am new", "jeg er 14", "انا خايفة").
  const nameLike = (w: Word | undefined): w is Word => isWord(w) && !known(w.norm) && (isArabic(w.raw) || isCapitalised(w.raw));
  const matchPhrase = (i: number, phrase: string): number => {
    const parts = phrase.split(' ');
    for (let k = 0; k < parts.length; k++) if (ws[i + k]?.norm !== parts[k]) return 0;
    return parts.length;
  };
  for (let i = 0; i < ws.length; i++) {
    let consumed = 0;
    let strong = false;
    for (const p of STRONG) {
      const n = matchPhrase(i, p);
      if (n > consumed) {
        consumed = n;
        strong = true;
      }
    }
    for (const p of WEAK) {
      const n = matchPhrase(i, p);
      if (n > consumed) {
        consumed = n;
        strong = false;
      }
    }
    if (!consumed) continue;
    const first = ws[i + consumed];
    // After "my name is" the next word is the name whatever it looks like ("jeg hedder said").
    if (!(strong ? isWord(first) : nameLike(first))) continue;
    nameSpans.push({ start: first.start, end: first.end, tag: '<name>' });
    const second = ws[i + consumed + 1];
    // A comma or full stop ends the name ("اسمي Rami، نسكن …", "I'm Sara. Help").
    if (nameLike(second) && /^\s+$/.test(out.slice(first.end, second.start))) nameSpans.push({ start: second.start, end: second.end, tag: '<name>' });
  }
  // 3. Names the caller knows about.
  const listed = new Set((opts.names ?? []).flatMap((n) => normalise(n).split(' ')).filter((n) => n.length >= 2));
  for (const w of ws) if (listed.has(w.norm)) nameSpans.push({ start: w.start, end: w.end, tag: '<name>' });
  // 4. An answer to "what is the name?": every word the model does not know is a name.
  if (opts.answering && NAME_SLOTS.has(opts.answering)) {
    for (const w of ws) if (isWord(w) && !known(w.norm)) nameSpans.push({ start: w.start, end: w.end, tag: '<name>' });
  }
  const back = originalPosition(spans);
  return keepFirst([...spans, ...nameSpans.map((n) => ({ start: back(n.start), end: back(n.end), tag: n.tag }))]);
}
