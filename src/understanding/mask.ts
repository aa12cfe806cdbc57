// Masks personal data before text leaves the machine (LLM fallback): phone numbers → <phone>,
// e-mail addresses → <email>, names → <name>.
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
}

// Phrases after which the next word is a name. Written normalised (æ→ae, ø→oe, å→aa, lower case).
const STRONG = [
  'jeg hedder', 'hedder', 'mit navn er', 'navnet er', 'han hedder', 'hun hedder', 'min soen hedder', 'min datter hedder',
  'my name is', 'my names', 'name is', 'is called', 'im called', 'call me',
  'اسمي', 'اسمه', 'اسمها', 'اسم ابني', 'اسم بنتي', 'ismi', 'esmi', 'esmo', 'esma', 'ismo', 'isma',
];
const WEAK = ['jeg er', 'i am', 'im', 'this is', 'its', 'det er', 'her er', 'انا', 'معك', 'ana', 'ena', 'hier ist', 'ich bin'];

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

function replaceSpans(text: string, spans: Array<{ start: number; end: number; tag: string }>): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlaps an earlier span
    out += text.slice(at, s.start) + s.tag;
    at = s.end;
  }
  return out + text.slice(at);
}

export function maskPersonalData(text: string, opts: MaskOptions = {}): string {
  const known = opts.isKnownWord ?? (() => false);
  // 1. Phones (Danish formats, Arabic-Indic digits included) and other long numbers, e-mails.
  //    asciiDigits keeps string length, so spans map back onto the original text.
  const digits = asciiDigits(text);
  const spans: Array<{ start: number; end: number; tag: string }> = [];
  for (const m of digits.matchAll(EMAIL)) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, tag: '<email>' });
  for (const p of findPhones(digits)) spans.push({ start: p.start, end: p.end, tag: '<phone>' });
  for (const m of digits.matchAll(LONG_NUMBER)) {
    const start = m.index ?? 0;
    if (!spans.some((s) => start < s.end && s.start < start + m[0].length)) spans.push({ start, end: start + m[0].length, tag: '<phone>' });
  }
  let out = replaceSpans(text, spans);

  // 2. Names.
  const ws = words(out);
  const nameSpans: Array<{ start: number; end: number; tag: string }> = [];
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
    if (nameLike(second)) nameSpans.push({ start: second.start, end: second.end, tag: '<name>' });
  }
  // 3. Names the caller knows about.
  const listed = new Set((opts.names ?? []).flatMap((n) => normalise(n).split(' ')).filter((n) => n.length >= 2));
  for (const w of ws) if (listed.has(w.norm)) nameSpans.push({ start: w.start, end: w.end, tag: '<name>' });
  out = replaceSpans(out, nameSpans);
  return out;
}
