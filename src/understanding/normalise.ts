// Text normalisation shared by language detection, the intent model, entities and the emergency
// layer. One pipeline serves every language: each folding only touches its own characters, so
// mixed Danish/Arabic/English text is normalised in one pass.

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII 0-9. Nothing else changes. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_INDIC_ZERO);
  });
}

/** Arabic orthographic variants folded to one form (after tashkeel has been removed). */
function foldArabic(text: string): string {
  return text
    .replace(/[\u0640]/g, '') // tatweel
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627') // آ أ إ ٱ → ا
    .replace(/\u0649/g, '\u064a') // ى → ي
    .replace(/\u0629/g, '\u0647') // ة → ه
    .replace(/\u0624/g, '\u0648') // ؤ → و
    .replace(/\u0626/g, '\u064a') // ئ → ي
    .replace(/[\u06cc\u06d2]/g, '\u064a') // Persian/Urdu yeh → ي
    .replace(/\u06a9/g, '\u0643') // Persian kaf → ك
    .replace(/\u06af/g, '\u0643') // gaf → ك (Gulf/Iraqi "گ")
    .replace(/\u06a4/g, '\u0641') // ڤ → ف
    .replace(/\u0627{2,}/g, '\u0627') // أأذي → اذي (hamza + alef folded twice)
    .replace(/\u067e/g, '\u0628') // پ → ب
    .replace(/\u0686/g, '\u062c'); // چ → ج
}

/**
 * Light normalisation that keeps punctuation and spacing (for entity extraction: phone numbers,
 * dates): NFKC, lower case, ASCII digits, Arabic letter folding, no diacritics/tashkeel,
 * Danish æ/ø/å folded to ae/oe/aa.
 */
export function foldText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  t = t.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/ä/g, 'ae').replace(/ö/g, 'oe');
  t = t.replace(/ß/g, 'ss');
  // NFD splits Latin accents and Arabic hamza/madda carriers (أ = ا + ◌ٔ); drop every mark.
  t = t.normalize('NFD').replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff]/g, '');
  t = foldArabic(t);
  t = asciiDigits(t);
  // Arabic punctuation → ASCII so later steps see one set.
  t = t.replace(/\u060c/g, ',').replace(/\u061b/g, ';').replace(/\u061f/g, '?').replace(/\u066b/g, '.').replace(/\u066c/g, ',');
  // Zero-width characters and bidi marks.
  t = t.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
  return t;
}

/**
 * Full normalisation for matching and features: `foldText`, apostrophes dropped (don't → dont),
 * every other non-letter/non-digit becomes a space, whitespace collapsed. Letter repetitions of
 * 3+ are squeezed to 2 ("hejjjj" → "hejj", "شكرااا" → "شكراا").
 * `lang` is accepted for API symmetry; the pipeline is the same for every language.
 */
export function normalise(text: string, _lang?: string): string {
  if (text.length > NORMALISED_MEMO_CHARS) return normaliseOnce(text);
  let n = normalised.get(text);
  if (n === undefined) {
    n = normaliseOnce(text);
    if (normalised.size >= NORMALISED_MEMO) normalised.clear();
    normalised.set(text, n);
  }
  return n;
}

/**
 * The same message is normalised by every layer of a turn (language, entities, intent, emergency,
 * knowledge, the dialogs' word lists): the last texts' forms are remembered. Bounded.
 */
const NORMALISED_MEMO = 2000;
/** Only short texts are remembered, so the memo holds at most about 2,000 × 2 × 500 characters. */
const NORMALISED_MEMO_CHARS = 500;
const normalised = new Map<string, string>();

function normaliseOnce(text: string): string {
  let t = foldText(text);
  t = t.replace(/['’‘`´]/g, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ');
  t = t.replace(/(\p{L})\1{2,}/gu, '$1$1');
  return foldArabicDialect(t.trim().replace(/\s+/g, ' '));
}

// Dialect question words, one MSA form each, so a question learnt in one dialect is understood in
// the others ("كام", "قديش", "شكد", "شحال" all ask "how much"). Whole (folded) words only; words
// with a second everyday meaning (ليه "why" / "to him", ايه "what" / "yes") are left alone.
const AR_QUESTION_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '\u0643\u0645': ['كام', 'قديش', 'قداش', 'اديش', 'قدش', 'شكد', 'شقد', 'شحال', 'بكام', 'بقديش', 'بشكد'],
    '\u0645\u062a\u064a': ['امتي', 'امتا', 'ايمتي', 'ايمتا', 'امته', 'شوكت', 'وقتاش', 'فوقاش', 'ايمته'],
    '\u0627\u064a\u0646': ['وين', 'فين', 'فاين', 'وينو'],
    '\u0643\u064a\u0641': ['ازاي', 'كيفاش', 'شلون', 'اشلون'],
  }).flatMap(([msa, forms]) => forms.map((f) => [f, msa] as const)),
);

function foldArabicDialect(t: string): string {
  if (!/[\u0621-\u064a]/.test(t)) return t;
  const words = foldArabicNegation(t).split(' ');
  return words.map((w) => AR_QUESTION_WORDS.get(w) ?? w).join(' ');
}

// Dialect negation is a circumfix: ما + verb + ش (Egyptian, Levantine, Maghrebi), written glued
// ("ماعرفتش") or apart ("ما بعرفش"). Both become the plain negated verb ("ما عرفت", "ما بعرف") so
// the verb is the word every other message uses. The verb must keep 3+ letters.
const GLUED_NEGATION = /(^| )ما([\u0621-\u064a]{3,})ش(?= |$)/g;
const APART_NEGATION = /(^| )(ما|مو|مش) ([\u0621-\u064a]{3,})ش(?= |$)/g;

function foldArabicNegation(t: string): string {
  if (!t.includes('\u0634')) return t;
  return t.replace(GLUED_NEGATION, '$1ما $2').replace(APART_NEGATION, '$1$2 $3');
}

export function tokenize(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ');
}

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]/;
export function isArabicToken(tok: string): boolean {
  return ARABIC_LETTER.test(tok);
}

// Arabic clitics: conjunctions/prepositions/article glued to the front of a word, and pronoun
// suffixes. Longest first. "عال" is Levantine for على ال (عالدورة).
const AR_PREFIXES = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ولل', 'عال', 'ال', 'و', 'ف', 'ب', 'ل', 'ك', 'ع'];
const AR_SUFFIXES = ['كم', 'كن', 'هم', 'هن', 'ها', 'نا', 'ني', 'ك', 'ه', 'ي', 'ات', 'ين', 'ون', 'وا'];

/**
 * Variants of an Arabic token with clitics removed (the token itself first). Keeps stems of at
 * least two letters. "بالدورات" → [بالدورات, دورات, دور...], "شبكتنا" → [شبكتنا, شبكت, شبكه].
 */
export function arabicVariants(tok: string): string[] {
  const out = new Set<string>([tok]);
  const bases = [tok];
  for (const p of AR_PREFIXES) {
    if (tok.startsWith(p) && tok.length - p.length >= 2) bases.push(tok.slice(p.length));
  }
  for (const b of bases) {
    out.add(b);
    for (const s of AR_SUFFIXES) {
      if (b.endsWith(s) && b.length - s.length >= 2) {
        const stem = b.slice(0, b.length - s.length);
        out.add(stem);
        // Feminine ة is written ت before a suffix: شبكتنا → شبكه.
        if (stem.endsWith('\u062a') && stem.length >= 3) out.add(stem.slice(0, -1) + '\u0647');
      }
    }
  }
  return [...out];
}

/** A crude light stem for feature extraction (Latin: common Danish/English endings; Arabic: clitics). */
export function lightStem(tok: string): string {
  if (isArabicToken(tok)) {
    const v = arabicVariants(tok);
    // The shortest variant that keeps 3+ letters.
    let best = tok;
    for (const x of v) if (x.length >= 3 && x.length < best.length) best = x;
    return best;
  }
  if (/\d/.test(tok) || tok.length <= 4) return tok;
  for (const suf of ['erne', 'ene', 'ende', 'ing', 'ings', 'ede', 'et', 'en', 'er', 'es', 'ed', 'e', 's']) {
    if (tok.endsWith(suf) && tok.length - suf.length >= 4) return tok.slice(0, tok.length - suf.length);
  }
  return tok;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "tilmedl" is
 * one edit from "tilmeld"), with an early exit once it must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let pp = new Array<number>(lb + 1).fill(0); // row i-2
  let prev = new Array<number>(lb + 1); // row i-1
  let cur = new Array<number>(lb + 1); // row i
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && pp[j - 2] + 1 < v) v = pp[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = pp;
    pp = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Edit-distance budget for fuzzy keyword matching by length. */
export function fuzzBudget(len: number): number {
  if (len >= 9) return 2;
  if (len >= 5) return 1;
  return 0;
}
