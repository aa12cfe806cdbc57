// A language named as a subject ("danish classes", "lære dansk", "دروس لغة دنماركية",
// "danskundervisning", "translate into arabic") is something asked about, not the language the
// resident wants to be answered in. Only then is the language entity dropped, so "English please",
// "skriv på arabisk" and a bare "عربي" still switch.
//
// Data, not code: `subjectWords` (lessons, course, learn, teacher, translate, interpreter…) and
// `subjectFillers` (words that may sit between: "language", "sprog", "لغة", "to") come from every
// locale's language.json and apply to every message (people mix languages).

import type { LocaleNlu } from './data';
import { Lexicon } from './lexicon';
import { normalise, tokenize } from './normalise';

/** How many tokens (fillers not counted) may separate the language name from the subject word. */
const REACH = 1;

export class LanguageSubjects {
  private readonly names = new Lexicon<string>();
  private readonly subjects = new Lexicon<true>(false);
  private readonly fillers = new Set<string>();
  /** One-word Latin language names, for compounds such as "danskundervisning", "englishclass". */
  private readonly stems: string[] = [];

  constructor(locales: LocaleNlu[]) {
    for (const l of locales) {
      for (const n of l.language.names) {
        this.names.add(n, l.lang);
        const toks = tokenize(normalise(n));
        if (toks.length === 1 && /^[a-z]{4,}$/.test(toks[0])) this.stems.push(toks[0]);
      }
      for (const w of l.language.subjectWords) this.subjects.add(w, true);
      for (const f of l.language.subjectFillers) for (const t of tokenize(normalise(f))) this.fillers.add(t);
    }
  }

  /** True when a language in the message is the topic (lessons, learning, translating), not a wish to switch. */
  test(tokens: string[]): boolean {
    if (this.subjects.size === 0) return false;
    for (const t of tokens) {
      for (const s of this.stems) {
        if (t.length > s.length + 2 && t.startsWith(s) && this.subjects.matchAll([t.slice(s.length)]).length > 0) return true;
      }
    }
    const names = this.names.matchAll(tokens);
    if (names.length === 0) return false;
    const subjectAt = new Set<number>();
    for (const m of this.subjects.matchAll(tokens)) for (let i = m.start; i <= m.end; i++) subjectAt.add(i);
    if (subjectAt.size === 0) return false;
    const near = (from: number, step: 1 | -1): boolean => {
      let seen = 0;
      for (let i = from + step; i >= 0 && i < tokens.length; i += step) {
        if (subjectAt.has(i)) return true;
        if (this.fillers.has(tokens[i])) continue;
        if (++seen > REACH - 1) return false;
      }
      return false;
    };
    return names.some((m) => near(m.start, -1) || near(m.end, 1));
  }
}
