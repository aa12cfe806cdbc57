// Language detection for short chat messages.
//
// 1. Script: each language declares the scripts it is written in (language.json). Letters are
//    counted per declared script; a script claimed by one language only (Arabic → ar) decides
//    directly unless it is a small minority of the letters.
// 2. Within a shared script (Latin: da, en and Arabizi ar): character n-gram naive Bayes (1–5
//    grams with word boundaries) trained on each language's own training sentences in that
//    script, plus regex cues (æøå → da; Arabizi digits-as-letters → ar).
// 3. The resident's stored language (hint) is a prior worth a couple of words of evidence: it
//    settles "ok" and "2", not a clear sentence in another language.

import { foldText } from './normalise';

export interface LanguageProfile {
  lang: string;
  scripts: string[];
  cues: Array<{ pattern: string; weight: number }>;
  /** Log-prior (nats) per script, e.g. Arabizi is rarer than Danish/English in Latin letters. */
  scriptPriors?: Record<string, number>;
  /** Training text for n-gram models (any script; split by script at load). */
  samples: string[];
}

export interface LanguageGuess {
  lang: string;
  /** Posterior-like probability of `lang` among the candidates. */
  confidence: number;
  scores: Record<string, number>;
}

const MIN_N = 1;
const MAX_N = 5;
const ALPHA = 0.5;
/** Prior for the hinted language, in nats. */
const HINT_PRIOR = 3;
/** Summed n-gram log-likelihoods are divided by this: overlapping n-grams are not independent. */
const TEMPERATURE = 4;
/** Weight of the whole-word model next to the n-gram model. */
const WORD_WEIGHT = 1;

/**
 * A script's trained models as per-language scores, worked out once: for each n-gram and word seen
 * in training, a row with its smoothed log-probability in each of the script's languages (already
 * divided by the temperature / weighted); `unseen` rows for n-grams and words no language had.
 * Detecting is then lookups and additions. The rows live side by side in one array and the maps
 * hold where each starts (a small typed array per row cost ~10 times its numbers: ~9 MB in all).
 */
interface ScoreTable {
  /** Row k: scores[k * width + i] for the script's i-th language. */
  scores: Float64Array;
  width: number;
  grams: Map<string, number>;
  unseenGram: number[]; // by n
  words: Map<string, number>;
  unseenWord: number;
}

interface NgramModel {
  counts: Map<string, number>[]; // by n
  totals: number[]; // by n
  words: Map<string, number>;
  wordTotal: number;
}

/** Additive smoothing of the whole-word model: known words in one language only are strong cues. */
const WORD_BETA = 0.1;

function scriptRegex(script: string): RegExp | null {
  try {
    return new RegExp(`\\p{Script=${script}}`, 'gu');
  } catch {
    return null;
  }
}

/** Letters and digits kept (digits matter for Arabizi); everything else separates words. */
function langidWords(text: string): string[] {
  return foldText(text)
    .replace(/['’‘`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && /\p{L}/u.test(w));
}

function ngrams(word: string, out: (g: string, n: number) => void): void {
  const padded = ` ${word} `;
  for (let n = MIN_N; n <= MAX_N; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      const g = padded.slice(i, i + n);
      if (n === 1 && g === ' ') continue;
      out(g, n);
    }
  }
}

export class LanguageDetector {
  readonly languages: string[];
  private readonly scripts: Array<{ name: string; all: RegExp; langs: string[] }> = [];
  private readonly tables = new Map<string, ScoreTable>(); // script → per-language log-probabilities
  private readonly cues = new Map<string, Array<{ re: RegExp; weight: number }>>();
  private readonly priors = new Map<string, Record<string, number>>();

  private readonly temperature: number;
  private readonly wordWeight: number;
  private readonly hintPrior: number;

  constructor(
    profiles: LanguageProfile[],
    private readonly fallback: string,
    tuning: { temperature?: number; wordWeight?: number; hintPrior?: number } = {},
  ) {
    this.temperature = tuning.temperature ?? TEMPERATURE;
    this.wordWeight = tuning.wordWeight ?? WORD_WEIGHT;
    this.hintPrior = tuning.hintPrior ?? HINT_PRIOR;
    this.languages = profiles.map((p) => p.lang);
    const byScript = new Map<string, string[]>();
    for (const p of profiles) {
      for (const s of p.scripts) {
        const list = byScript.get(s) ?? [];
        list.push(p.lang);
        byScript.set(s, list);
      }
      this.priors.set(p.lang, p.scriptPriors ?? {});
      this.cues.set(
        p.lang,
        p.cues.map((c) => ({ re: new RegExp(c.pattern, 'u'), weight: c.weight })),
      );
    }
    for (const [name, langs] of byScript) {
      const all = scriptRegex(name);
      if (all) this.scripts.push({ name, all, langs });
    }
    // Train one n-gram model per (script, language) from the samples written in that script. A script
    // only one language uses needs none: detect() decides it by the script alone.
    for (const s of this.scripts) {
      if (s.langs.length === 1) continue;
      const perLang = new Map<string, NgramModel>();
      const seen: Set<string>[] = Array.from({ length: MAX_N + 1 }, () => new Set<string>());
      const allWords = new Set<string>();
      for (const p of profiles) {
        if (!s.langs.includes(p.lang)) continue;
        const model: NgramModel = {
          counts: Array.from({ length: MAX_N + 1 }, () => new Map<string, number>()),
          totals: new Array<number>(MAX_N + 1).fill(0),
          words: new Map<string, number>(),
          wordTotal: 0,
        };
        for (const sample of p.samples) {
          if (this.dominantScript(sample)?.name !== s.name) continue;
          for (const w of langidWords(sample)) {
            model.words.set(w, (model.words.get(w) ?? 0) + 1);
            model.wordTotal++;
            allWords.add(w);
            ngrams(w, (g, n) => {
              model.counts[n].set(g, (model.counts[n].get(g) ?? 0) + 1);
              model.totals[n]++;
              seen[n].add(g);
            });
          }
        }
        perLang.set(p.lang, model);
      }
      const vocab = [...seen.map((x) => x.size), allWords.size];
      const models = s.langs.map((l) => perLang.get(l)!);
      const meanOf = (f: (m: NgramModel) => number): number => Math.max(1, models.reduce((acc, m) => acc + f(m), 0) / Math.max(1, models.length));
      const mean = [...Array.from({ length: MAX_N + 1 }, (_, n) => meanOf((m) => m.totals[n])), meanOf((m) => m.wordTotal)];
      this.tables.set(s.name, this.scoreTable(models, seen, allWords, vocab, mean));
    }
  }

  private scoreTable(models: NgramModel[], seen: Set<string>[], allWords: Set<string>, vocab: number[], mean: number[]): ScoreTable {
    // Smoothing scaled by corpus size: an unseen n-gram costs the same in every language, so a
    // smaller training corpus (Arabizi) does not win every unfamiliar word.
    const gramScore = (m: NgramModel, n: number, count: number): number => {
      const a = (ALPHA * m.totals[n]) / mean[n];
      return Math.log((count + a) / (m.totals[n] + a * (vocab[n] + 1))) / this.temperature;
    };
    const V = vocab[MAX_N + 1];
    const wordScore = (m: NgramModel, count: number): number => {
      const b = (WORD_BETA * m.wordTotal) / mean[MAX_N + 1];
      return this.wordWeight * Math.log((count + b) / (m.wordTotal + b * (V + 1)));
    };
    const width = models.length;
    const rows = seen.reduce((acc, x) => acc + x.size, 0) + allWords.size + (MAX_N + 1) + 1;
    const scores = new Float64Array(rows * width);
    let next = 0;
    const row = (score: (m: NgramModel) => number): number => {
      const start = next;
      models.forEach((m, k) => (scores[start * width + k] = score(m)));
      next++;
      return start;
    };
    const grams = new Map<string, number>();
    for (let n = MIN_N; n <= MAX_N; n++) {
      for (const g of seen[n]) grams.set(g, row((m) => gramScore(m, n, m.counts[n].get(g) ?? 0)));
    }
    const words = new Map<string, number>();
    for (const w of allWords) words.set(w, row((m) => wordScore(m, m.words.get(w) ?? 0)));
    return {
      scores,
      width,
      grams,
      unseenGram: Array.from({ length: MAX_N + 1 }, (_, n) => row((m) => gramScore(m, n, 0))),
      words,
      unseenWord: row((m) => wordScore(m, 0)),
    };
  }

  /** The script with the most letters; a script only one language uses counts double. */
  private dominantScript(text: string): { name: string; langs: string[] } | null {
    let best: { name: string; langs: string[] } | null = null;
    let bestScore = 0;
    for (const s of this.scripts) {
      const c = text.match(s.all)?.length ?? 0;
      const score = c * (s.langs.length === 1 ? 2 : 1);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  detect(text: string, hint?: string): LanguageGuess {
    const prior = hint && this.languages.includes(hint) ? hint : undefined;
    const script = this.dominantScript(text);
    const fallback = prior ?? this.fallback;
    if (!script) return { lang: fallback, confidence: prior ? 0.6 : 0.34, scores: {} };
    if (script.langs.length === 1) return { lang: script.langs[0], confidence: 0.99, scores: { [script.langs[0]]: 0 } };

    const table = this.tables.get(script.name)!;
    const words = langidWords(text);
    const lower = text.toLowerCase();
    const sums = new Float64Array(script.langs.length);
    const { scores: rows, width } = table;
    const add = (row: number): void => {
      for (let k = 0; k < width; k++) sums[k] += rows[row * width + k];
    };
    for (const w of words) {
      ngrams(w, (g, n) => add(table.grams.get(g) ?? table.unseenGram[n]));
      add(table.words.get(w) ?? table.unseenWord);
    }
    const scores: Record<string, number> = {};
    script.langs.forEach((lang, k) => {
      let score = sums[k];
      // The resident's language replaces the population prior of the script for that language.
      if (lang !== prior) score += this.priors.get(lang)?.[script.name] ?? 0;
      for (const cue of this.cues.get(lang) ?? []) if (cue.re.test(lower)) score += cue.weight;
      if (lang === prior) score += this.hintPrior;
      scores[lang] = score;
    });
    let bestLang = script.langs[0];
    for (const l of script.langs) if (scores[l] > scores[bestLang]) bestLang = l;
    let z = 0;
    for (const l of script.langs) z += Math.exp(scores[l] - scores[bestLang]);
    return { lang: bestLang, confidence: 1 / z, scores };
  }
}

/** Convenience: a detector is built by loadUnderstanding; this detects with an existing one. */
export function detectLanguage(detector: LanguageDetector, text: string, hint?: string): string {
  return detector.detect(text, hint).lang;
}
