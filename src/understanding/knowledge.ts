// Which knowledge entry (plan, practical fact, referral) a question is about, offline. Each entry
// brings the ways residents ask, in every language (dialect, Arabizi and misspellings included);
// a question is folded like the rest of the understanding and scored against them:
//
//   coverage  how much of the question's weight the entry's words explain (idf over entries, so
//             "hvad", "is", "شو" count little and "radiator", "sprogskole", "ايجار" a lot)
//   fit       how much of the best-matching way of asking the question covers
//   score     coverage × fit, in 0..1
//
// It abstains (returns nothing) below `threshold`, and when no informative word matched at all:
// "hvad er det?" must not pick an entry because every entry has a "hvad".
//
// Domain-free: plain data in, keys and scores out. Words match exactly, by light stem or Arabic
// clitic variant, by prefix (compounds) or with a typo budget by length.
import fs from 'node:fs';
import path from 'node:path';
import { arabicVariants, editDistance, fuzzBudget, isArabicToken, lightStem, normalise, tokenize } from './normalise';

export interface KnowledgeDoc {
  key: string;
  /** Every way of asking, in any language (titles may be included). */
  questions: string[];
}

export interface KnowledgeMatch {
  key: string;
  score: number;
}

export interface RankerOptions {
  /** Below this the ranker abstains (default 0.45). */
  threshold?: number;
  /** Everyday words (greetings, "please", "tak"): unknown to the entries, they weigh little. */
  commonWords?: Iterable<string>;
  /** Function words ("er", "det", "is", "it", "هل"): they count little and never decide alone. */
  stopWords?: Iterable<string>;
}

export const DEFAULT_KNOWLEDGE_THRESHOLD = 0.45;
/** Weight of a word no entry knows: enough to lower coverage, less than a rare known word. */
const UNKNOWN_WEIGHT = 1.5;
const COMMON_WEIGHT = 0.35;
/** A word found in at most this share of the entries is informative. */
const INFORMATIVE_SHARE = 0.3;
/** Function words, and Latin words of one or two letters ("i", "r", "u"), say little whatever their idf. */
const SHORT_WEIGHT = 0.5;

const EXACT = 1;
const VARIANT = 0.9;
const PREFIX = 0.8;
const FUZZY = 0.75;

function keysOf(tok: string): string[] {
  if (isArabicToken(tok)) return arabicVariants(tok).filter((v) => v === tok || v.length >= 3);
  const stem = lightStem(tok);
  return stem === tok ? [tok] : [tok, stem];
}

interface Variant {
  entry: number;
  tokens: string[];
}

export class KnowledgeRanker {
  readonly threshold: number;
  private readonly keys: string[] = [];
  private readonly variants: Variant[] = [];
  /** Variant indices per entry. */
  private readonly byEntry: number[][] = [];
  /** Every vocabulary token → the entries using it. */
  private readonly entriesOf = new Map<string, Set<number>>();
  /** Lookup key (token, stem, Arabic variant) → vocabulary tokens. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly latin: string[] = [];
  private readonly common: Set<string>;
  private readonly stop: Set<string>;

  constructor(docs: KnowledgeDoc[], opts: RankerOptions = {}) {
    this.threshold = opts.threshold ?? DEFAULT_KNOWLEDGE_THRESHOLD;
    this.common = new Set([...(opts.commonWords ?? [])].flatMap((w) => tokenize(normalise(w))));
    this.stop = new Set([...(opts.stopWords ?? [])].flatMap((w) => tokenize(normalise(w))));
    docs.forEach((doc, e) => {
      this.keys.push(doc.key);
      this.byEntry.push([]);
      for (const q of doc.questions) {
        const tokens = [...new Set(tokenize(normalise(q)))];
        if (!tokens.length) continue;
        this.byEntry[e].push(this.variants.length);
        this.variants.push({ entry: e, tokens });
        for (const t of tokens) {
          if (!this.entriesOf.has(t)) {
            this.entriesOf.set(t, new Set());
            for (const k of keysOf(t)) {
              if (!this.byKey.has(k)) this.byKey.set(k, new Set());
              this.byKey.get(k)!.add(t);
            }
            if (!isArabicToken(t) && !/\d/.test(t)) this.latin.push(t);
          }
          this.entriesOf.get(t)!.add(e);
        }
      }
    });
  }

  get size(): number {
    return this.keys.length;
  }

  /** Vocabulary tokens a word of the question stands for, with how well it matches. */
  private matchesOf(q: string): Map<string, number> {
    const found = new Map<string, number>();
    const put = (t: string, w: number) => {
      if ((found.get(t) ?? 0) < w) found.set(t, w);
    };
    if (this.entriesOf.has(q)) put(q, EXACT);
    for (const k of keysOf(q)) for (const t of this.byKey.get(k) ?? []) put(t, t === q ? EXACT : VARIANT);
    if (!isArabicToken(q) && !/\d/.test(q)) {
      const budget = fuzzBudget(q.length);
      for (const t of this.latin) {
        if (found.has(t)) continue;
        // Compounds and endings: "lommepengejobbet" ~ "lommepengejob", "danskkurset" ~ "danskkursus".
        const [short, long] = t.length <= q.length ? [t, q] : [q, t];
        if (short.length >= 6 && short.length >= 0.7 * long.length && long.startsWith(short)) put(t, PREFIX);
        else if (budget > 0 && t.length >= 5 && editDistance(q, t, budget) <= budget) put(t, FUZZY);
      }
    }
    return found;
  }

  private idf(entryCount: number): number {
    return Math.log(1 + this.keys.length / (1 + entryCount));
  }

  /** The entries a question may be about, best first (no threshold applied). */
  rank(text: string, limit = 3): KnowledgeMatch[] {
    const query = [...new Set(tokenize(normalise(text)))];
    if (!query.length || !this.keys.length) return [];
    const n = this.keys.length;
    const informativeMax = Math.max(2, Math.floor(INFORMATIVE_SHARE * n));
    // Per question word: its weight, and per entry how well the entry's words match it.
    const words = query.map((q) => {
      const matches = this.matchesOf(q);
      const perEntry = new Map<number, number>();
      for (const [t, w] of matches) for (const e of this.entriesOf.get(t)!) perEntry.set(e, Math.max(perEntry.get(e) ?? 0, w));
      const base = matches.size ? this.idf(perEntry.size) : this.common.has(q) ? COMMON_WEIGHT : UNKNOWN_WEIGHT;
      const minor = this.stop.has(q) || (q.length <= 2 && !isArabicToken(q));
      const weight = minor ? Math.min(base, SHORT_WEIGHT) : base;
      // "hvad er det?" must not pick an entry because every entry has a "hvad" and an "er".
      const informative = matches.size > 0 && !this.stop.has(q) && perEntry.size <= informativeMax;
      return { matches, perEntry, weight, informative };
    });
    const total = words.reduce((s, w) => s + w.weight, 0);
    const scored: KnowledgeMatch[] = [];
    for (let e = 0; e < n; e++) {
      if (!words.some((w) => w.informative && w.perEntry.has(e))) continue;
      const coverage = words.reduce((s, w) => s + w.weight * (w.perEntry.get(e) ?? 0), 0) / total;
      let fit = 0;
      for (const v of this.byEntry[e]) fit = Math.max(fit, this.fit(this.variants[v], words));
      scored.push({ key: this.keys[e], score: Math.round(coverage * fit * 1000) / 1000 });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /** How much of one way of asking the question covers (each of its words weighted by idf). */
  private fit(v: Variant, words: { matches: Map<string, number> }[]): number {
    let have = 0;
    let all = 0;
    for (const t of v.tokens) {
      const w = this.idf(this.entriesOf.get(t)!.size);
      all += w;
      let best = 0;
      for (const q of words) best = Math.max(best, q.matches.get(t) ?? 0);
      have += w * best;
    }
    return all ? have / all : 0;
  }

  /** The entry the question is about, or undefined when none fits well enough. */
  best(text: string): KnowledgeMatch | undefined {
    const [top] = this.rank(text, 1);
    return top && top.score >= this.threshold ? top : undefined;
  }
}

/** Word lists of every locale for the ranker: everyday words (greetings, thanks, fillers, frequent words) and function words. */
export function rankerWords(localesDir: string): { commonWords: string[]; stopWords: string[] } {
  const out: string[] = [];
  const stop: string[] = [];
  const read = (file: string): unknown => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  for (const lang of fs.readdirSync(localesDir)) {
    const language = read(path.join(localesDir, lang, 'nlu', 'language.json')) as { commonWords?: string[] } | undefined;
    for (const line of language?.commonWords ?? []) out.push(...line.split(/\s+/));
    const common = read(path.join(localesDir, lang, 'common.json')) as { phrases?: Record<string, unknown> } | undefined;
    for (const list of ['greetings', 'thanks', 'ok', 'filler']) {
      const v = common?.phrases?.[list];
      if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
    }
    const knowledge = read(path.join(localesDir, lang, 'knowledge.json')) as { matching?: { stopWords?: unknown } } | undefined;
    const words = knowledge?.matching?.stopWords;
    if (Array.isArray(words)) stop.push(...words.filter((x): x is string => typeof x === 'string'));
  }
  return { commonWords: out, stopWords: stop };
}
