// Benchmark of the offline understanding: load (training) time, parse latency, memory.
//   npx tsx test/bench/understanding-bench.ts            (add --expose-gc for steadier memory figures)
// Exported for the project's bench runner: benchUnderstanding() → { loadMs, p50us, p99us, heapMB }.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadUnderstanding } from '../../src/understanding';

export interface UnderstandingBench {
  loadMs: number;
  p50us: number;
  p99us: number;
  heapMB: number;
  parses: number;
}

const ROOT = path.join(__dirname, '..', '..');

/** Varied utterances: the held-out fixture plus mixed, long, noisy and numeric messages. */
function utterances(): string[] {
  const fixture = path.join(ROOT, 'test', 'understanding', 'fixtures', 'heldout.jsonl');
  const base = fs.existsSync(fixture)
    ? fs
        .readFileSync(fixture, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { text: string }).text)
    : [];
  const extra = [
    'ok',
    '2',
    'nummer 3',
    'رقم ٢',
    '+45 12 34 56 78',
    'jeg er 14 og min søn er født i 2011',
    'ibni bdo shoghl, 3omro 13 sene, ra2mi 28914410',
    'بدي سجل ابني بال lommepengejob يوم الخميس',
    'Hej!!! jeg vil geeeerne tilmelde min datter til forældrekurset i makerspace på torsdag kl 17, hun er 13 år, mit nummer er 0045-22-33-44-55',
    'what is happening this weekend for teenagers in charlottekvarteret, anything with football or music or cooking?',
    'أريد أن أعرف ما هي الأنشطة المتاحة للعائلات في الحي خلال العطلة الصيفية وهل هي مجانية',
    '👍👍',
    'selvmorstanker',
  ];
  return [...base, ...extra];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchUnderstanding(opts: { rounds?: number } = {}): Promise<UnderstandingBench> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const u = loadUnderstanding({ localesDir: path.join(ROOT, 'locales') });
  const loadMs = performance.now() - t0;
  u.setActivities([
    { id: 'makerspace', names: ['Makerspace for familier', 'Makerspace for families', 'ميكرسبيس للعائلات'] },
    { id: 'homework', names: ['Lektiecafé', 'Homework café', 'مقهى الواجبات'] },
    { id: 'parents', names: ['Forældrenetværket', "Parents' network", 'شبكة الأهالي'] },
  ]);
  gc?.();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const texts = utterances();
  // Warm-up: let the JIT compile the hot paths.
  for (let i = 0; i < 3; i++) for (const t of texts) u.parse(t);

  const rounds = opts.rounds ?? 20;
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      // A fresh variant each time so per-token caches do not flatter the figures.
      const text = r === 0 ? t : `${t} ${r}`;
      const s = process.hrtime.bigint();
      u.parse(text);
      times.push(Number(process.hrtime.bigint() - s) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  return {
    loadMs: Math.round(loadMs),
    p50us: Math.round(percentile(times, 50)),
    p99us: Math.round(percentile(times, 99)),
    heapMB: Math.round(heapMB * 10) / 10,
    parses: times.length,
  };
}

if (require.main === module) {
  benchUnderstanding()
    .then((r) => {
      console.log(
        `understanding: load ${r.loadMs} ms, parse p50 ${r.p50us} µs, p99 ${r.p99us} µs over ${r.parses} parses, heap +${r.heapMB} MB`,
      );
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
