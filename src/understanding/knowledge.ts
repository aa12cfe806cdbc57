// Which knowledge entry (plan, practical fact, referral) a question is about, offline.
//
// Ranking is BM25 by MiniSearch over one document per entry: every way of asking it in every
// language (dialect, Arabizi and misspellings included) and, weighing less, its answers. Text goes
// through the project's normaliser; each word is indexed and searched under its keys (the word, a
// light stem, Arabic forms without clitics), so "بالشوفاج" meets "الشوفاج" and "radiatoren" meets
// "radiator". Latin words also match with a typo budget by length and as the start of a compound.
//
// BM25 scores have no scale, so the score used to decide is calibrated to 0..1: coverage, the
// entry's BM25 score over what a document holding every word of the question once would score,
// each word's share capped at that (each word weighted by its idf; a word no entry knows counts
// as a fairly rare one), times the
// square root of fit, how much of the entry's best-covered way of asking the question holds. So
// "radiator" alone scores 1 for the estate office, "hvad er mit vindue?" low for everything, and
// "hvad er lommepengejob?" more for the activity than for the job's pay. BM25 orders equals. It
// abstains below `threshold`, and when no informative word matched at all: "hvad er det?" must not
// pick an entry because every entry has a "hvad". Catalogue activities may be indexed beside the
// entries (keys of the caller's choosing), so the two compete for a question.
//
// Domain-free: plain data in, keys and scores out.
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { arabicVariants, fuzzBudget, isArabicToken, lightStem, normalise, tokenize } from './normalise';

export interface KnowledgeDoc {
  key: string;
  /** Every way of asking, in any language (titles may be included). */
  questions: string[];
  /** The answers in every language: they match too, weighing less than the ways of asking. */
  answers?: string[];
}

export interface KnowledgeMatch {
  key: string;
  score: number;
}

export interface RankerOptions {
  /** Below this the ranker abstains (default DEFAULT_KNOWLEDGE_THRESHOLD). */
  threshold?: number;
  /** Everyday words (greetings, "please", "tak"): unknown to the entries, they weigh little. */
  commonWords?: Iterable<string>;
  /** Function words ("er", "det", "is", "it", "هل"): they count little and never decide alone. */
  stopWords?: Iterable<string>;
}

export const DEFAULT_KNOWLEDGE_THRESHOLD = 0.42;

/** How the score is made; calibrated on test/eval/knowledge (dev and fresh parts). */
const SCORING = {
  /** BM25 with tf saturating early and a small short-document bias: an entry with many ways of asking is not favoured or penalised much for it. */
  bm25: { k: 0.5, b: 0, d: 0.5 },
  answerBoost: 0.35,
  /** How much the fit of the best way of asking weighs against the BM25 coverage of the question. */
  fitPower: 0.5,
  /** Weight of a question word no entry knows, as a share of the rarest known word's idf. */
  unknownShare: 0.45,
  /** Function words, and everyday words no entry knows, weigh this share of what they would. */
  commonShare: 0.12,
  /** A word found in at most this share of the entries is informative. */
  informativeShare: 0.2,
  /** Prefix matches ("lommepenge" → "lommepengejob") and typos weigh this much of an exact match. */
  weights: { prefix: 0.8, fuzzy: 0.75 },
};
/** Arabic words this long may differ by one letter (a dialect spelling, a typo). */
const ARABIC_FUZZY_LENGTH = 6;

/** Present-tense and Levantine/Egyptian "b-" verb prefixes: "بيساعد", "تزعجني", "يدفعون" meet "ساعد", "زعج", "دفع". */
const AR_VERB_PREFIXES = ['بي', 'بت', 'بن', 'ي', 'ت', 'ن', 'ا'];
const AR_VERB_ENDINGS = ['ون', 'وا', 'ين', 'و'];
/** Digits Arabizi writes letters with (3 ع, 7 ح, 2 ء, 5 خ, 8 غ, 9 ق). */
const ARABIZI_DIGIT = /[235789]/;

/** Arabic forms of a word: without clitics, and without a verb prefix or the dialects' negation "-ش". */
function arabicKeys(tok: string): string[] {
  const out = new Set(arabicVariants(tok).filter((v) => v === tok || v.length >= 3));
  for (const v of [...out]) {
    for (const p of AR_VERB_PREFIXES) {
      if (!v.startsWith(p) || v.length - p.length < 3) continue;
      const stem = v.slice(p.length);
      out.add(stem);
      // "بيزعجو", "يدفعون": the plural ending after the prefix.
      for (const s of AR_VERB_ENDINGS) if (stem.endsWith(s) && stem.length - s.length >= 3) out.add(stem.slice(0, -s.length));
    }
    // "ما خدامش", "مبيشتغلش": Egyptian, Levantine and Maghrebi negation.
    if (v.endsWith('\u0634') && v.length >= 5) out.add(v.slice(0, -1));
  }
  return [...out];
}

/**
 * The keys a word is indexed and searched under: itself, a light stem, Arabic forms without
 * clitics and verb prefixes, and for Arabizi its consonants ("mashroo3", "mashru3" → "mshr3").
 */
export function keysOf(tok: string): string[] {
  let keys = keyMemo.get(tok);
  if (!keys) {
    keys = keysOnce(tok);
    if (keyMemo.size >= MEMO_SIZE) keyMemo.clear();
    keyMemo.set(tok, keys);
  }
  return [...keys];
}

/** Every word of a question is keyed several times (search, weights, fit): the last words' keys are remembered. Bounded. */
const MEMO_SIZE = 5000;
const keyMemo = new Map<string, readonly string[]>();

function keysOnce(tok: string): string[] {
  if (isArabicToken(tok)) return arabicKeys(tok);
  const keys = new Set([tok, lightStem(tok)]);
  if (/[a-z]/.test(tok) && ARABIZI_DIGIT.test(tok)) {
    const skeleton = tok.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
    if (skeleton.length >= 3) keys.add(skeleton);
  }
  return [...keys];
}

const words = (text: string): string[] => tokenize(normalise(text));

/**
 * The message without the words of these phrases, compared by their keys (stems, clitic-free
 * forms): "مين المسؤول عن التدفئة" without the ways of asking for a person is "عن التدفئة".
 * `dropped` says whether any word was left out.
 */
export function withoutWordsOf(text: string, phrases: readonly string[]): { rest: string; dropped: boolean } {
  const drop = dropSet(phrases);
  const all = words(text);
  const kept = all.filter((w) => !keysOf(w).some((k) => drop.has(k)));
  return { rest: kept.join(' '), dropped: kept.length < all.length };
}

/** The keys of a list of phrases (the same few lists come every turn), remembered by their text. */
const dropSets = new Map<string, ReadonlySet<string>>();
function dropSet(phrases: readonly string[]): ReadonlySet<string> {
  const id = phrases.join('\n');
  let drop = dropSets.get(id);
  if (!drop) {
    drop = new Set(phrases.flatMap(words).flatMap(keysOf));
    if (dropSets.size >= 32) dropSets.clear();
    dropSets.set(id, drop);
  }
  return drop;
}

/** What searching one word found: each entry's BM25 for it, the keys it matched, and whether one of them asks for the entry. */
interface WordHits {
  ideal: number;
  results: { id: number; bm25: number; terms: readonly string[]; asked: boolean }[];
}
const WORD_MEMO = 2000;

interface Indexed {
  id: number;
  key: string;
  questions: string;
  answer: string;
}

export class KnowledgeRanker {
  readonly threshold: number;
  private readonly keys: string[] = [];
  private readonly search: MiniSearch<Indexed>;
  /** Entries whose ways of asking hold a key. */
  private readonly entriesOf = new Map<string, Set<number>>();
  /** Per entry, each way of asking as its words, each word as its keys. */
  private readonly variants: string[][][][] = [];
  private readonly common: Set<string>;
  private readonly stop: Set<string>;
  private readonly informativeMax: number;
  private readonly options: SearchOptions;
  /** Per entry, way of asking and word: the word's weight in `fit` (its keys' highest idf), worked out once. */
  private weights?: number[][][];
  /**
   * What one word of a question contributes, the same in every question: its share of the scale and
   * the entries its search found. Words recur (Zipf), so the last words' are remembered. Bounded.
   */
  private readonly perWord = new Map<string, WordHits>();

  constructor(docs: KnowledgeDoc[], opts: RankerOptions = {}) {
    this.threshold = opts.threshold ?? DEFAULT_KNOWLEDGE_THRESHOLD;
    this.common = new Set([...(opts.commonWords ?? [])].flatMap(words));
    // A function word's stems and clitic-free forms are function words too ("مساعدة" → "مساعد").
    this.stop = new Set([...(opts.stopWords ?? [])].flatMap(words).flatMap(keysOf));
    this.search = new MiniSearch<Indexed>({
      fields: ['questions', 'answer'],
      storeFields: ['key'],
      tokenize: words,
      processTerm: keysOf,
    });
    this.search.addAll(
      docs.map((doc, id) => {
        this.keys.push(doc.key);
        this.variants.push(doc.questions.map((q) => words(q).filter((w) => !/^\d+$/.test(w)).map(keysOf)).filter((v) => v.length));
        for (const q of doc.questions) {
          for (const k of words(q).flatMap(keysOf)) {
            if (!this.entriesOf.has(k)) this.entriesOf.set(k, new Set());
            this.entriesOf.get(k)!.add(id);
          }
        }
        return { id, key: doc.key, questions: doc.questions.join(' \n '), answer: (doc.answers ?? []).join(' \n ') };
      }),
    );
    this.informativeMax = Math.max(2, Math.floor(SCORING.informativeShare * this.keys.length));
    this.options = {
      boost: { questions: 1, answer: SCORING.answerBoost },
      bm25: SCORING.bm25,
      weights: SCORING.weights,
      // A function word ("hjælp" → "hjælpeplan") matches only as itself.
      prefix: (term) => !this.stop.has(term) && !isArabicToken(term) && !/\d/.test(term) && term.length >= 6,
      fuzzy: (term) => {
        if (this.stop.has(term) || /\d/.test(term)) return false;
        if (isArabicToken(term)) return term.length >= ARABIC_FUZZY_LENGTH ? 1 : false;
        return fuzzBudget(term.length) || false;
      },
    };
  }

  get size(): number {
    return this.keys.length;
  }

  /** BM25 idf of a key over the entries' ways of asking (MiniSearch's formula). */
  private idf(key: string): number {
    const n = this.keys.length;
    const df = this.entriesOf.get(key)?.size ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * What a document holding a word of the question once would score for it: its share of the
   * scale. A word's weight is the idf of its known keys; a word no entry knows weighs like a
   * fairly rare one (it is what the resident asks about, and no entry has it).
   */
  private idealScore(tok: string): number {
    const rarest = this.idf('');
    const known = keysOf(tok).filter((k) => this.entriesOf.has(k));
    const minor = this.isFunctionWord(tok) || (!known.length && this.common.has(tok));
    const weight = known.length ? known.reduce((s, k) => s + this.idf(k), 0) : SCORING.unknownShare * rarest;
    // A function word is searched with the same reduced boost (see rank), so it can explain only its share.
    return (SCORING.bm25.d + 1) * (minor ? SCORING.commonShare * weight : weight);
  }

  /** A word long enough to name a thing: Latin of 4+ letters, Arabic of 3+. */
  private contentWord(tok: string): boolean {
    return !/\d/.test(tok) && tok.length >= (isArabicToken(tok) ? 3 : 4);
  }

  /** "er", "the", "هل", and Latin words of one or two letters ("i", "r", "u") say little whatever their idf. */
  private isFunctionWord(tok: string): boolean {
    return this.stop.has(tok) || (tok.length <= 2 && !isArabicToken(tok));
  }

  /** A matched key tells which entry is meant: few entries have it, and it is no function word. */
  private informative(key: string): boolean {
    const df = this.entriesOf.get(key)?.size ?? this.keys.length;
    return df <= this.informativeMax && !this.stop.has(key);
  }

  /** The entries a question may be about, best first (no threshold applied). */
  rank(text: string, limit = 3): KnowledgeMatch[] {
    const tokens = [...new Set(words(text))];
    if (!tokens.length || !this.keys.length) return [];
    const found = tokens.map((t) => this.wordHits(t));
    const total = found.reduce((a, w) => a + w.ideal, 0);
    // Per entry: BM25 summed over the words, each word's share capped at what it can explain
    // (an entry that repeats "åbningstider" in ten ways of asking explains that word, not others).
    const hits = new Map<number, { bm25: number; explained: number; terms: Set<string>; asked: boolean }>();
    for (const { ideal, results } of found) {
      for (const r of results) {
        const hit = hits.get(r.id) ?? { bm25: 0, explained: 0, terms: new Set<string>(), asked: false };
        hit.bm25 += r.bm25;
        hit.explained += Math.min(r.bm25, ideal);
        for (const t of r.terms) hit.terms.add(t);
        hit.asked ||= r.asked;
        hits.set(r.id, hit);
      }
    }
    const out: (KnowledgeMatch & { bm25: number })[] = [];
    for (const [entry, hit] of hits) {
      if (!hit.asked) continue;
      out.push({ key: this.keys[entry], score: (hit.explained / total) * this.fit(entry, hit.terms) ** SCORING.fitPower, bm25: hit.bm25 });
    }
    // Best calibrated score first; BM25 orders equals.
    return out
      .map((m) => ({ ...m, score: Math.round(m.score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || b.bm25 - a.bm25)
      .slice(0, limit)
      .map(({ key, score }) => ({ key, score }));
  }

  /** A word's share of the scale and what searching it finds (see `rank`), remembered per word. */
  private wordHits(tok: string): WordHits {
    let w = this.perWord.get(tok);
    if (w) return w;
    const boost = this.isFunctionWord(tok) ? SCORING.commonShare : 1;
    const results = this.search.search(tok, { ...this.options, boostTerm: () => boost }).map((r) => ({
      id: r.id as number,
      // MiniSearch multiplies by the number of query terms matched (here: the word's keys).
      bm25: r.score / Math.max(1, r.queryTerms.length),
      terms: r.terms,
      // "hvad er det?" must not pick an entry because every entry has a "hvad" and an "er".
      asked: r.terms.some((t) => r.match[t].includes('questions') && this.informative(t)),
    }));
    w = { ideal: this.idealScore(tok), results };
    if (this.perWord.size >= WORD_MEMO) this.perWord.clear();
    this.perWord.set(tok, w);
    return w;
  }

  /**
   * How much of the entry's best-covered way of asking the question holds (its words weighted by
   * idf): "hvad er lommepengejob?" holds all of the activity's title but only part of "hvad er
   * lønnen for lommepengejob", though both entries have every word of the question.
   */
  private fit(entry: number, matched: Set<string>): number {
    this.weights ??= this.variants.map((entryVariants) => entryVariants.map((variant) => variant.map((keys) => Math.max(...keys.map((k) => this.idf(k))))));
    const weights = this.weights[entry];
    let best = 0;
    this.variants[entry].forEach((variant, v) => {
      let have = 0;
      let all = 0;
      variant.forEach((keys, i) => {
        const w = weights[v][i];
        all += w;
        if (keys.some((k) => matched.has(k))) have += w;
      });
      if (all) best = Math.max(best, have / all);
    });
    return best;
  }

  /**
   * Content words of the question that nothing matched, not even misspelt or as a compound's
   * start ("pizza", "buskort", "اللحمة"): what else the question may be about.
   */
  foreignWords(text: string): string[] {
    return [...new Set(words(text))].filter(
      (tok) => !this.isFunctionWord(tok) && !this.common.has(tok) && this.contentWord(tok) && !this.wordHits(tok).results.length,
    );
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
