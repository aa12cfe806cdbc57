// The pure checks of the conversation evaluation (test/eval/README.md): what a resident reads in a
// turn, folding, word-start pattern matching, the reply's language and the crisis numbers. No I/O,
// so test/eval/checks.test.ts can pin every rule with plain strings and activity objects.

/** Invisible marks that change nothing a person reads (bidi isolates, zero-width joiners, BOM). */
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Arabic harakat, Quranic marks, superscript alef, and tatweel. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

function foldKeepingCase(s: string): string {
  return s
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(ARABIC_MARKS, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // آ أ إ ٱ → ا
    .replace(/\u0629/g, '\u0647') // ة → ه
    .replace(/[\u0649\u06CC]/g, '\u064A') // ى ی → ي
    .replace(/\u06A9/g, '\u0643') // ک → ك
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The folded form both a reply and a pattern are compared in. */
export function fold(s: string): string {
  return foldKeepingCase(s).toLowerCase();
}

/**
 * A data pattern as a regular expression that must start at a word start. The pattern is folded
 * too, but not lowercased (that would turn `\S` into `\s`); the `i` flag does the case.
 */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${foldKeepingCase(pattern)})`, 'iu');
}

/** Throws with the pattern named when it is not a valid regular expression. */
export function validatePattern(pattern: string): void {
  try {
    compilePattern(pattern);
  } catch (err) {
    throw new Error(`invalid pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

export function matches(text: string, pattern: string): boolean {
  return compilePattern(pattern).test(fold(text));
}

type Json = Record<string, any>;

/** Text of an Adaptive Card element tree: TextBlocks, RichTextBlock runs, FactSets; never actions. */
function adaptiveText(el: unknown, out: string[]): void {
  if (Array.isArray(el)) {
    for (const x of el) adaptiveText(x, out);
    return;
  }
  if (!el || typeof el !== 'object') return;
  const e = el as Json;
  switch (e.type) {
    case 'TextBlock':
    case 'TextRun':
      if (typeof e.text === 'string') out.push(e.text);
      return;
    case 'RichTextBlock':
      for (const run of e.inlines ?? []) out.push(typeof run === 'string' ? run : String(run?.text ?? ''));
      return;
    case 'FactSet':
      for (const f of e.facts ?? []) out.push(`${f.title ?? ''} ${f.value ?? ''}`.trim());
      return;
    default:
      // Containers, column sets, columns, tables: walk what they hold; skip actions and selectAction.
      for (const key of ['body', 'items', 'columns', 'rows', 'cells']) if (e[key]) adaptiveText(e[key], out);
  }
}

/** What the resident reads in one activity: its text and its cards' text, not button titles. */
export function readable(activity: Json): string {
  const out: string[] = [];
  if (typeof activity.text === 'string' && activity.text) out.push(activity.text);
  for (const a of activity.attachments ?? []) {
    const c = a?.content;
    if (!c || typeof c !== 'object') continue;
    if (a.contentType === 'application/vnd.microsoft.card.adaptive') adaptiveText(c.body, out);
    else if (/^application\/vnd\.microsoft\.card\.(hero|thumbnail|signin|oauth|animation|audio|video|receipt)$/.test(a.contentType ?? '')) {
      for (const k of ['title', 'subtitle', 'text']) if (typeof c[k] === 'string' && c[k]) out.push(c[k]);
    }
  }
  return out.join('\n');
}

/** What the resident reads in a turn: every message activity the bot sent, in order. */
export function readableTurn(activities: Json[]): string {
  return activities
    .filter((a) => (a.type ?? 'message') === 'message')
    .map(readable)
    .filter(Boolean)
    .join('\n');
}

// Function words of one language that are not (common) words of the other. Left out on purpose:
// i, for, man, her, bare, at (en "at"), to (da "two"), have (da "have"), be, by, so, sit, time, under, over.
const DANISH = new Set(
  ('og jeg ikke det du er til på med kan vil hvad hvor når skal har en et din dit dine os vi af som den de dig mig fra eller ' +
    'om også så hvis hej tak ja nej kun mere efter være været bliver hvordan hvem hvorfor hvilken hvilke jer jeres vores ' +
    'sig ud nu lige ved op må gerne meget noget nogen alle hver fordi mellem kl klokken der dem hans hendes vil gerne ' +
    'kommer får fik blev skulle kunne ville hos uge ugen dag dage tilmeld tilmelding desværre endnu')
    .split(/\s+/),
);
const ENGLISH = new Set(
  ('the and you is are of what when where can will your with this that it if not yes thanks thank hi hello please we our ' +
    'us my me he she they them their his how who why which was were has had would could should there here about from ' +
    'do does did an a on in into just only also more some any been or but all each week day days sign signed up get got ' +
    'unfortunately yet sorry still')
    .split(/\s+/),
);

export type ReplyLang = 'da' | 'ar' | 'en' | 'unknown';

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;

/** The language of a reply: Arabic when most letters are Arabic, else Danish vs English by function words. */
export function replyLanguage(text: string): ReplyLang {
  const clean = fold(text).replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ').replace(/\S+@\S+\.\S+/g, ' ');
  const letters = clean.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'unknown';
  const arabic = letters.filter((c) => ARABIC_LETTER.test(c)).length;
  if (arabic * 2 > letters.length) return 'ar';
  let da = 0;
  let en = 0;
  for (const w of clean.match(/[\p{L}']+/gu) ?? []) {
    if (DANISH.has(w)) da++;
    else if (ENGLISH.has(w)) en++;
  }
  if (da === en) return 'unknown';
  return da > en ? 'da' : 'en';
}

/** Crisis numbers as digits only: 112 (emergency), 116 111 (BørneTelefonen), 70 201 201 (Livslinien). */
export const CRISIS_NUMBERS = ['112', '116111', '70201201'];

/**
 * Number-like runs of a text with spacing removed: a single space or dash between digits, a dot
 * only between groups of two or more digits (so the date "1.12" is not 112).
 */
export function digitRuns(text: string): string[] {
  let s = fold(text);
  // One separator at a time: "112 – 116 111" stays two numbers.
  s = s.replace(/(\d)[ \u00A0\u2007\u202F\-\u2010-\u2013](?=\d)/g, '$1');
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/(\d{2})\.(?=\d{2})/g, '$1');
  }
  const out: string[] = [];
  for (const m of s.matchAll(/(?<![\p{L}\p{N}])\+?\d+(?![\p{L}\p{N}])/gu)) out.push(m[0]);
  return out;
}

/** True when a crisis number appears, as a whole number (not inside a phone number), optionally after +45/0045. */
export function showsCrisisNumber(text: string): boolean {
  return digitRuns(text).some((run) => {
    const digits = run.replace(/^(?:\+45|0045)(?=\d{3})/, '').replace(/^\+/, '');
    return CRISIS_NUMBERS.includes(digits);
  });
}

export interface TurnExpect {
  lang?: string;
  anyOf?: string[];
  allOf?: string[];
  noneOf?: string[];
  emergency?: boolean;
  handoff?: boolean | null;
}

export interface TurnObservation {
  /** Message activities the bot sent to the resident during the turn. */
  replies: Json[];
  /** True when a thread was opened in the staff channel for this resident during the turn. */
  handoff: boolean;
}

export interface TurnVerdict {
  ok: boolean;
  /** Short names of the checks that failed, e.g. `silent`, `lang: want da, got en`, `anyOf`. */
  failed: string[];
  text: string;
  lang: ReplyLang;
  emergency: boolean;
  handoff: boolean;
}

/** Applies one turn's expectations (defaults: emergency false, handoff false; null = don't care). */
export function checkTurn(expect: TurnExpect, defaultLang: string | undefined, seen: TurnObservation): TurnVerdict {
  const text = readableTurn(seen.replies);
  const lang = replyLanguage(text);
  const emergency = showsCrisisNumber(text);
  const failed: string[] = [];
  if (seen.replies.filter((a) => (a.type ?? 'message') === 'message').length === 0) failed.push('silent');
  const wantLang = expect.lang ?? defaultLang;
  if (wantLang && text && lang !== wantLang) failed.push(`lang: want ${wantLang}, got ${lang}`);
  if (expect.anyOf?.length && !expect.anyOf.some((p) => matches(text, p))) failed.push(`anyOf ${JSON.stringify(expect.anyOf)}`);
  for (const p of expect.allOf ?? []) if (!matches(text, p)) failed.push(`allOf ${JSON.stringify(p)}`);
  for (const p of expect.noneOf ?? []) if (matches(text, p)) failed.push(`noneOf ${JSON.stringify(p)}`);
  const wantEmergency = expect.emergency ?? false;
  if (emergency !== wantEmergency) failed.push(wantEmergency ? 'emergency: no crisis numbers' : 'emergency: crisis numbers shown');
  const wantHandoff = expect.handoff === undefined ? false : expect.handoff;
  if (wantHandoff !== null && seen.handoff !== wantHandoff) failed.push(wantHandoff ? 'handoff: none opened' : 'handoff: opened');
  return { ok: failed.length === 0, failed, text, lang, emergency, handoff: seen.handoff };
}
