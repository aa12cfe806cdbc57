// Phrase patterns over normalised tokens: the matcher behind categories, language names, the
// emergency layer, age phrases and exclusions.
//
// Pattern syntax (one pattern = one string, normalised like messages at load):
//   word      the token equals `word` (or is within a small edit distance when long enough)
//   word*     the token starts with `word`
//   *word     the token ends with `word` (Danish compounds: forældre|kursus)
//   *word*    the token contains `word`
//   {num}     any number token; {n} also captures it
//   ...       between two tokens: up to 3 other tokens may come in between (default: adjacent)
// Arabic tokens are also tried without clitics (و ب ال لل بال ... and pronoun suffixes).

import { arabicVariants, editDistance, isArabicToken, normalise } from './normalise';

type Kind = 'exact' | 'prefix' | 'suffix' | 'infix' | 'num';

interface TokPat {
  id: number;
  kind: Kind;
  text: string;
  fuzz: number;
}

export interface Pattern<T> {
  source: string;
  payload: T;
  toks: TokPat[];
  /** maxGap[i] = how many other tokens may sit between toks[i-1] and toks[i]. */
  maxGap: number[];
  /** Index in `toks` of the {n} capture, or -1. */
  capture: number;
  /** Characters of literal text: a rough specificity for choosing between overlapping matches. */
  weight: number;
}

export interface Match<T> {
  pattern: Pattern<T>;
  payload: T;
  start: number; // first token index
  end: number; // last token index (inclusive)
  captured?: number;
}

const GAP = '...';
const WIDE_GAP = 3;

export class Lexicon<T> {
  private readonly patterns: Pattern<T>[] = [];
  private readonly tokPats: TokPat[] = [];
  private readonly tokPatByKey = new Map<string, TokPat>();
  private readonly exactIndex = new Map<string, TokPat[]>();
  private readonly fuzzyPats: TokPat[] = [];
  private readonly affixPats: TokPat[] = [];
  private hasNum = false;
  private readonly cache = new Map<string, Set<number>>();
  /** Patterns by the id of their first token pattern. */
  private readonly byFirst = new Map<number, Pattern<T>[]>();

  /**
   * @param fuzzy allow typos in literal tokens
   * @param minFuzzLength shortest literal that may match with one edit (two edits from 9+ letters,
   *   or from minFuzzLength + 4 when that is larger)
   */
  constructor(
    private readonly fuzzy = true,
    private readonly minFuzzLength = 5,
  ) {}

  private budget(len: number): number {
    if (len < this.minFuzzLength) return 0;
    return len >= Math.max(9, this.minFuzzLength + 4) ? 2 : 1;
  }

  get size(): number {
    return this.patterns.length;
  }

  add(source: string, payload: T): void {
    const toks: TokPat[] = [];
    const maxGap: number[] = [];
    let capture = -1;
    let weight = 0;
    let pendingGap = 0;
    for (const piece of source.trim().split(/\s+/)) {
      if (piece === GAP || piece === '…') {
        pendingGap = WIDE_GAP;
        continue;
      }
      if (piece === '{num}' || piece === '{n}') {
        if (piece === '{n}') capture = toks.length;
        toks.push(this.tokPat('num', '', 0));
        maxGap.push(pendingGap);
        pendingGap = 0;
        continue;
      }
      const lead = piece.startsWith('*');
      const trail = piece.endsWith('*') && piece.length > 1;
      const core = normalise(piece.replace(/^\*+|\*+$/g, ''));
      if (!core) continue;
      const parts = core.split(' ');
      parts.forEach((part, k) => {
        const first = k === 0;
        const last = k === parts.length - 1;
        const kind: Kind =
          lead && first && trail && last ? 'infix' : lead && first ? 'suffix' : trail && last ? 'prefix' : 'exact';
        // Typos: literals by length; prefixes ("selvmord*") at most one edit in the prefix.
        let fuzz = 0;
        if (this.fuzzy && !/\d/.test(part) && !isArabicToken(part)) {
          if (kind === 'exact') fuzz = this.budget(part.length);
          else if (kind === 'prefix') fuzz = Math.min(1, this.budget(part.length + 1));
        }
        toks.push(this.tokPat(kind, part, fuzz));
        maxGap.push(k === 0 ? pendingGap : 0);
        weight += part.length;
      });
      pendingGap = 0;
    }
    if (toks.length === 0) return;
    maxGap[0] = 0;
    const pattern: Pattern<T> = { source, payload, toks, maxGap, capture, weight };
    this.patterns.push(pattern);
    const list = this.byFirst.get(toks[0].id) ?? [];
    list.push(pattern);
    this.byFirst.set(toks[0].id, list);
    this.cache.clear();
  }

  private tokPat(kind: Kind, text: string, fuzz: number): TokPat {
    const key = `${kind}:${text}:${fuzz}`;
    const known = this.tokPatByKey.get(key);
    if (known) return known;
    const tp: TokPat = { id: this.tokPats.length, kind, text, fuzz };
    this.tokPats.push(tp);
    this.tokPatByKey.set(key, tp);
    if (kind === 'exact') {
      const list = this.exactIndex.get(text) ?? [];
      list.push(tp);
      this.exactIndex.set(text, list);
    } else if (kind === 'num') {
      this.hasNum = true;
    } else {
      this.affixPats.push(tp);
    }
    if (fuzz > 0) this.fuzzyPats.push(tp);
    return tp;
  }

  /** Which token patterns a message token satisfies (memoised per token string). */
  private tokenMatches(tok: string): Set<number> {
    const hit = this.cache.get(tok);
    if (hit) return hit;
    const ids = new Set<number>();
    const variants = isArabicToken(tok) ? arabicVariants(tok) : [tok];
    for (const v of variants) {
      for (const tp of this.exactIndex.get(v) ?? []) ids.add(tp.id);
    }
    if (this.hasNum && /^\d+$/.test(tok)) {
      for (const tp of this.tokPats) if (tp.kind === 'num') ids.add(tp.id);
    }
    for (const tp of this.affixPats) {
      if (ids.has(tp.id)) continue;
      for (const v of variants) {
        if (
          (tp.kind === 'prefix' && v.startsWith(tp.text)) ||
          (tp.kind === 'suffix' && v.endsWith(tp.text)) ||
          (tp.kind === 'infix' && v.includes(tp.text))
        ) {
          ids.add(tp.id);
          break;
        }
      }
    }
    if (tok.length >= 4 && !/\d/.test(tok)) {
      for (const tp of this.fuzzyPats) {
        if (ids.has(tp.id)) continue;
        // The first letter must agree: "kursus"≈"kursis" but not "hurtig"≈"kurtig".
        if (tok.charCodeAt(0) !== tp.text.charCodeAt(0)) continue;
        if (tp.kind === 'exact') {
          if (Math.abs(tok.length - tp.text.length) > tp.fuzz) continue;
          if (editDistance(tok, tp.text, tp.fuzz) <= tp.fuzz) ids.add(tp.id);
        } else {
          // Prefix with one typo: compare the token's first L-1..L+1 letters.
          const L = tp.text.length;
          for (let n = L - 1; n <= L + 1; n++) {
            if (n > tok.length || n < 1) continue;
            if (editDistance(tok.slice(0, n), tp.text, 1) <= 1) {
              ids.add(tp.id);
              break;
            }
          }
        }
      }
    }
    if (this.cache.size > 20000) this.cache.clear();
    this.cache.set(tok, ids);
    return ids;
  }

  /** Every match of every pattern (the earliest-ending way for each start). */
  matchAll(tokens: string[]): Match<T>[] {
    if (tokens.length === 0 || this.patterns.length === 0) return [];
    const sets = tokens.map((t) => this.tokenMatches(t));
    const out: Match<T>[] = [];
    for (let s = 0; s < tokens.length; s++) {
      for (const id of sets[s]) {
        const candidates = this.byFirst.get(id);
        if (!candidates) continue;
        for (const p of candidates) {
          const positions = this.extend(p, sets, 1, s);
          if (!positions) continue;
          const m: Match<T> = { pattern: p, payload: p.payload, start: s, end: positions[positions.length - 1] };
          if (p.capture >= 0) m.captured = Number(tokens[positions[p.capture]]);
          out.push(m);
        }
      }
    }
    return out;
  }

  private extend(p: Pattern<T>, sets: Set<number>[], k: number, pos: number): number[] | null {
    if (k === p.toks.length) return [pos];
    const id = p.toks[k].id;
    const last = Math.min(sets.length - 1, pos + 1 + p.maxGap[k]);
    for (let q = pos + 1; q <= last; q++) {
      if (!sets[q].has(id)) continue;
      const rest = this.extend(p, sets, k + 1, q);
      if (rest) return [pos, ...rest];
    }
    return null;
  }
}

/** Drops matches that overlap a span in `blocked` (token index ranges, inclusive). */
export function withoutOverlap<T>(matches: Match<T>[], blocked: Array<{ start: number; end: number }>): Match<T>[] {
  return matches.filter((m) => !blocked.some((b) => m.start <= b.end && b.start <= m.end));
}

/** The most specific match: most tokens, then most literal characters, then earliest. */
export function bestMatch<T>(matches: Match<T>[]): Match<T> | undefined {
  let best: Match<T> | undefined;
  for (const m of matches) {
    if (
      !best ||
      m.pattern.toks.length > best.pattern.toks.length ||
      (m.pattern.toks.length === best.pattern.toks.length && m.pattern.weight > best.pattern.weight) ||
      (m.pattern.toks.length === best.pattern.toks.length && m.pattern.weight === best.pattern.weight && m.start < best.start)
    ) {
      best = m;
    }
  }
  return best;
}
