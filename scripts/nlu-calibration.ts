// Does the intent confidence mean something? K-fold over the training sentences themselves
// (locales/<lang>/nlu/intents.json): each fold is trained without a slice and scored on it, so
// every sentence is judged by a model that never saw it. Prints accuracy per confidence bucket,
// above/below the clarifying-question threshold, for short messages (1–2 words) and for messages
// with unknown words, per language; for the asked ones, whether the right intent is among the
// three meanings a clarifying question offers.
//   npx tsx scripts/nlu-calibration.ts [--folds 5] [--locales dir]

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { availableLanguages, loadUnderstanding, tokenize, normalise } from '../src/understanding';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const folds = Number(opt('--folds', '5'));
const locales = opt('--locales', path.join(__dirname, '..', 'locales'));
const langs = availableLanguages(locales);

interface Row { lang: string; intent: string; text: string; fold: number }
const rows: Row[] = [];
for (const lang of langs) {
  const intents = JSON.parse(fs.readFileSync(path.join(locales, lang, 'nlu', 'intents.json'), 'utf8')) as Record<string, unknown>;
  for (const [intent, list] of Object.entries(intents)) {
    if (!Array.isArray(list) || intent === 'emergency') continue;
    list.forEach((text, i) => rows.push({ lang, intent, text: String(text), fold: i % folds }));
  }
}

const BUCKETS = [0, 0.3, 0.45, 0.6, 0.8, 0.9, 1.0001];
type Tally = [number, number];
const add = (t: Tally, ok: boolean): void => {
  t[0] += ok ? 1 : 0;
  t[1] += 1;
};
const pct = ([a, n]: Tally): string => (n ? `${((100 * a) / n).toFixed(1)}% (${n})` : '—');
const byBucket: Tally[] = BUCKETS.slice(1).map(() => [0, 0]);
const per = new Map<string, Record<'all' | 'above' | 'below' | 'offered' | 'short' | 'unknownWords', Tally>>();

for (let f = 0; f < folds; f++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-fold-'));
  for (const lang of langs) {
    const src = path.join(locales, lang, 'nlu');
    fs.mkdirSync(path.join(dir, lang, 'nlu'), { recursive: true });
    for (const file of fs.readdirSync(src)) fs.copyFileSync(path.join(src, file), path.join(dir, lang, 'nlu', file));
    const intents = JSON.parse(fs.readFileSync(path.join(src, 'intents.json'), 'utf8')) as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const [intent, list] of Object.entries(intents)) {
      kept[intent] = Array.isArray(list) && intent !== 'emergency' ? list.filter((_, i) => i % folds !== f) : list;
    }
    fs.writeFileSync(path.join(dir, lang, 'nlu', 'intents.json'), JSON.stringify(kept));
  }
  const u = loadUnderstanding({ localesDir: dir });
  for (const r of rows.filter((x) => x.fold === f)) {
    const p = u.parse(r.text);
    const ok = p.intent === r.intent;
    const b = BUCKETS.findIndex((x, i) => p.confidence >= x && p.confidence < BUCKETS[i + 1]);
    add(byBucket[Math.max(0, b)], ok);
    const t = per.get(r.lang) ?? { all: [0, 0], above: [0, 0], below: [0, 0], offered: [0, 0], short: [0, 0], unknownWords: [0, 0] };
    per.set(r.lang, t);
    add(t.all, ok);
    add(p.confidence >= u.threshold ? t.above : t.below, ok);
    // Below the threshold the bot asks, offering its best guess and the runners-up (two more).
    if (p.confidence < u.threshold) add(t.offered, ok || (p.alternatives ?? []).slice(0, 2).some((a) => a.intent === r.intent));
    const toks = tokenize(normalise(r.text));
    if (toks.length <= 2) add(t.short, ok);
    if (toks.some((w) => !u.knownWord(w))) add(t.unknownWords, ok);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`${rows.length} sentences, ${folds} folds (emergency left out: its own layer decides)\n`);
console.log('confidence      accuracy');
byBucket.forEach((t, i) => console.log(`[${BUCKETS[i].toFixed(2)}, ${Math.min(1, BUCKETS[i + 1]).toFixed(2)})  ${pct(t)}`));
console.log('\nlang  all             ≥ threshold     < threshold     asked: in top 3  1–2 words       unknown words');
for (const [lang, t] of per) {
  console.log(`${lang.padEnd(4)}  ${pct(t.all).padEnd(14)}  ${pct(t.above).padEnd(14)}  ${pct(t.below).padEnd(14)}  ${pct(t.offered).padEnd(15)}  ${pct(t.short).padEnd(14)}  ${pct(t.unknownWords)}`);
}
