// The offline intent model: sparse features of the normalised text (word unigrams, light stems,
// bigrams, character 3–5-grams inside word boundaries, entity markers) with TF-IDF weights,
// each feature group L2-normalised, fed to a multinomial logistic regression trained at load
// with deterministic SGD (seeded shuffle, averaged weights). Probabilities come from softmax.

import { isArabicToken, lightStem } from './normalise';

export interface FeatureOptions {
  /** Word pairs up to this many positions apart ("melde … fra"); 1 = plain bigrams only. */
  skip?: number;
  charMin: number;
  charMax: number;
  wordWeight: number;
  charWeight: number;
  metaWeight: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { charMin: 3, charMax: 5, wordWeight: 1, charWeight: 1.5, metaWeight: 0.5 };

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /**
   * Runs of SGD, each shuffled by its own seed (seed, seed + 1, …), whose weights are averaged. One
   * run depends on the order it saw the examples in: a new example elsewhere reshuffles everything
   * and can tip a borderline sentence. The average of a few runs is steadier and better calibrated.
   */
  runs?: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 6, learningRate: 1, l2: 0, seed: 7, runs: 3 };

type Group = 'w' | 'c' | 'm';

/** Raw feature strings grouped; `meta` are entity markers such as "E:cat". */
export function featureStrings(tokens: string[], meta: string[], opt: FeatureOptions): Record<Group, string[]> {
  const w: string[] = [];
  const c: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    w.push(`w:${t}`);
    const s = lightStem(t);
    if (s !== t) w.push(`s:${s}`);
    if (i + 1 < tokens.length) w.push(`b:${lightStem(t)}_${lightStem(tokens[i + 1])}`);
    for (let d = 2; d <= (opt.skip ?? 1) && i + d < tokens.length; d++) w.push(`k:${lightStem(t)}_${lightStem(tokens[i + d])}`);
    const padded = ` ${t} `;
    for (let n = opt.charMin; n <= opt.charMax; n++) {
      if (padded.length < n) break;
      for (let k = 0; k + n <= padded.length; k++) c.push(padded.slice(k, k + n));
    }
    // Arabic clitics vary a lot (و/ب/ال/لل + word); the stem's n-grams generalise across them.
    if (isArabicToken(t) && s !== t && s.length >= 3) {
      const ps = ` ${s} `;
      for (let n = 3; n <= Math.min(opt.charMax, ps.length); n++) {
        for (let k = 0; k + n <= ps.length; k++) c.push(ps.slice(k, k + n));
      }
    }
  }
  if (tokens.length > 0) {
    w.push(`b:^_${lightStem(tokens[0])}`);
  }
  const m = [...meta];
  const len = tokens.length;
  m.push(len <= 1 ? 'L:1' : len === 2 ? 'L:2' : len <= 4 ? 'L:3' : len <= 8 ? 'L:5' : 'L:9');
  return { w, c, m };
}

interface Sparse {
  idx: Int32Array;
  val: Float32Array;
}

const GROUPS: readonly Group[] = ['w', 'c', 'm'];

export class IntentClassifier {
  readonly labels: string[];
  /** One dictionary per feature group (no prefixes needed); ids share one index space. */
  private readonly dicts: Record<Group, Map<string, number>> = { w: new Map(), c: new Map(), m: new Map() };
  private size = 0;
  private idf: Float32Array = new Float32Array(0);
  private weights: Float32Array = new Float32Array(0); // [feature * K + k]
  private bias: Float32Array;

  constructor(
    examples: Array<{ tokens: string[]; meta: string[]; label: string }>,
    private readonly fopt: FeatureOptions = DEFAULT_FEATURES,
    topt: TrainOptions = DEFAULT_TRAIN,
  ) {
    this.labels = [...new Set(examples.map((e) => e.label))].sort();
    this.bias = new Float32Array(this.labels.length);
    // Dictionary + document frequencies in one pass.
    const df: number[] = [];
    const ids = examples.map((e) => {
      const r = this.ids(featureStrings(e.tokens, e.meta, fopt), true);
      const seen = new Set<number>();
      for (const g of GROUPS) for (const id of r[g]) seen.add(id);
      for (const id of seen) df[id] = (df[id] ?? 0) + 1;
      return r;
    });
    const N = examples.length;
    this.idf = new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) this.idf[i] = Math.log((1 + N) / (1 + (df[i] ?? 0))) + 1;
    const X = ids.map((r) => this.weigh(r));
    const y = examples.map((e) => this.labels.indexOf(e.label));
    const runs = Math.max(1, topt.runs ?? 1);
    const K = this.labels.length;
    const W = new Float32Array(this.size * K);
    const b = new Float32Array(K);
    for (let r = 0; r < runs; r++) {
      this.train(X, y, { ...topt, seed: topt.seed + r });
      for (let q = 0; q < W.length; q++) W[q] += this.weights[q] / runs;
      for (let k = 0; k < K; k++) b[k] += this.bias[k] / runs;
    }
    this.weights = W;
    this.bias = b;
  }

  get featureCount(): number {
    return this.size;
  }

  /** Feature strings → ids (new ones added while training; unknown ones dropped afterwards). */
  private ids(r: Record<Group, string[]>, grow: boolean): Record<Group, number[]> {
    const out: Record<Group, number[]> = { w: [], c: [], m: [] };
    for (const g of GROUPS) {
      const dict = this.dicts[g];
      const list = out[g];
      for (const f of r[g]) {
        let id = dict.get(f);
        if (id === undefined && grow) {
          id = this.size++;
          dict.set(f, id);
        }
        if (id !== undefined) list.push(id);
      }
    }
    return out;
  }

  /** Sublinear TF × IDF, each group L2-normalised and scaled by its weight. */
  private weigh(r: Record<Group, number[]>): Sparse {
    const idx: number[] = [];
    const val: number[] = [];
    const weight: Record<Group, number> = { w: this.fopt.wordWeight, c: this.fopt.charWeight, m: this.fopt.metaWeight };
    for (const g of GROUPS) {
      const ids = r[g].sort((a, b) => a - b); // repeats (term frequency) become adjacent
      const start = idx.length;
      let norm = 0;
      for (let i = 0; i < ids.length; ) {
        let j = i + 1;
        while (j < ids.length && ids[j] === ids[i]) j++;
        const v = (1 + Math.log(j - i)) * this.idf[ids[i]];
        idx.push(ids[i]);
        val.push(v);
        norm += v * v;
        i = j;
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = start; i < val.length; i++) val[i] = (weight[g] * val[i]) / norm;
    }
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  }

  private train(X: Sparse[], y: number[], opt: TrainOptions): void {
    const K = this.labels.length;
    const F = this.size;
    const W = new Float32Array(F * K);
    const b = new Float64Array(K);
    // The model is the average of the weights at the end of each epoch after the first
    // (smoother and better calibrated than the last iterate; cheap to compute).
    const Wavg = new Float64Array(F * K);
    const bavg = new Float64Array(K);
    let snapshots = 0;
    let rng = opt.seed >>> 0;
    const rand = (): number => {
      rng = (rng + 0x6d2b79f5) >>> 0;
      let t = rng;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const order = X.map((_, i) => i);
    const p = new Float64Array(K);
    const decay = 1 - opt.l2;
    for (let epoch = 0; epoch < opt.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const lr = opt.learningRate / (1 + epoch * 0.3);
      for (let o = 0; o < order.length; o++) {
        const n = order[o];
        const { idx, val } = X[n];
        for (let k = 0; k < K; k++) p[k] = b[k];
        for (let a = 0; a < idx.length; a++) {
          const base = idx[a] * K;
          const v = val[a];
          for (let k = 0; k < K; k++) p[k] += W[base + k] * v;
        }
        let max = p[0];
        for (let k = 1; k < K; k++) if (p[k] > max) max = p[k];
        let z = 0;
        for (let k = 0; k < K; k++) {
          p[k] = Math.exp(p[k] - max);
          z += p[k];
        }
        // p ← lr * (softmax - onehot): the gradient of the log-loss w.r.t. the scores.
        for (let k = 0; k < K; k++) p[k] = lr * (p[k] / z - (k === y[n] ? 1 : 0));
        for (let a = 0; a < idx.length; a++) {
          const base = idx[a] * K;
          const v = val[a];
          for (let k = 0; k < K; k++) W[base + k] = W[base + k] * decay - p[k] * v;
        }
        for (let k = 0; k < K; k++) b[k] -= p[k];
      }
      if (epoch >= 1) {
        for (let q = 0; q < W.length; q++) Wavg[q] += W[q];
        for (let k = 0; k < K; k++) bavg[k] += b[k];
        snapshots++;
      }
    }
    const div = Math.max(1, snapshots);
    this.weights = new Float32Array(F * K);
    for (let q = 0; q < W.length; q++) this.weights[q] = (snapshots ? Wavg[q] : W[q]) / div;
    for (let k = 0; k < K; k++) this.bias[k] = (snapshots ? bavg[k] : b[k]) / div;
  }

  /** Class probabilities in `labels` order. */
  predict(tokens: string[], meta: string[]): Float64Array {
    const x = this.weigh(this.ids(featureStrings(tokens, meta, this.fopt), false));
    const K = this.labels.length;
    const s = new Float64Array(K);
    for (let k = 0; k < K; k++) s[k] = this.bias[k];
    for (let a = 0; a < x.idx.length; a++) {
      const base = x.idx[a] * K;
      for (let k = 0; k < K; k++) s[k] += this.weights[base + k] * x.val[a];
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (s[k] > max) max = s[k];
    let z = 0;
    for (let k = 0; k < K; k++) {
      s[k] = Math.exp(s[k] - max);
      z += s[k];
    }
    for (let k = 0; k < K; k++) s[k] /= z;
    return s;
  }
}
