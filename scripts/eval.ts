// Evaluates the offline understanding on a JSONL file:
//   npx tsx scripts/eval.ts <file.jsonl> [--locales <dir>] [--errors] [--json]
// Each line: {"text","lang","intent","entities"?:{"category"?,"language"?}}. parse() is called
// WITHOUT a language hint. Prints per language and overall: n, intent accuracy, language
// accuracy, category-entity accuracy (lines with a category), emergency recall and false-alarm
// rate (and language-entity accuracy over lines that name a language); then the intent
// confusion (true → predicted) for the errors. --errors lists every wrong line.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadUnderstanding, ParseResult } from '../src/understanding';

interface Line {
  text: string;
  lang: string;
  intent: string;
  entities?: { category?: string; language?: string };
}

interface Row {
  line: Line;
  got: ParseResult;
}

function parseArgs(argv: string[]): { file: string; locales: string; errors: boolean; json: boolean } {
  let file = '';
  let locales = path.join(__dirname, '..', 'locales');
  let errors = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--locales') locales = argv[++i];
    else if (a === '--errors') errors = true;
    else if (a === '--json') json = true;
    else if (!a.startsWith('--')) file = a;
  }
  if (!file) {
    console.error('usage: tsx scripts/eval.ts <file.jsonl> [--locales dir] [--errors] [--json]');
    process.exit(2);
  }
  return { file, locales, errors, json };
}

function readLines(file: string): Line[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      try {
        return JSON.parse(l) as Line;
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON`);
      }
    });
}

interface Stats {
  n: number;
  intent: number;
  lang: number;
  catN: number;
  cat: number;
  lnN: number;
  ln: number;
  emN: number;
  emHit: number;
  nonEmN: number;
  falseAlarm: number;
}

function stats(rows: Row[]): Stats {
  const s: Stats = { n: 0, intent: 0, lang: 0, catN: 0, cat: 0, lnN: 0, ln: 0, emN: 0, emHit: 0, nonEmN: 0, falseAlarm: 0 };
  for (const { line, got } of rows) {
    s.n++;
    if (got.intent === line.intent) s.intent++;
    if (got.lang === line.lang) s.lang++;
    if (line.entities?.category) {
      s.catN++;
      if (got.entities.category === line.entities.category) s.cat++;
    }
    if (line.entities?.language) {
      s.lnN++;
      if (got.entities.language === line.entities.language) s.ln++;
    }
    if (line.intent === 'emergency') {
      s.emN++;
      if (got.intent === 'emergency') s.emHit++;
    } else {
      s.nonEmN++;
      if (got.intent === 'emergency') s.falseAlarm++;
    }
  }
  return s;
}

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const u = loadUnderstanding({ localesDir: args.locales });
  const loadMs = performance.now() - t0;
  const lines = readLines(args.file);
  const rows: Row[] = lines.map((line) => ({ line, got: u.parse(line.text) }));

  const groups = [...new Set(lines.map((l) => l.lang))].sort();
  const table: Array<Record<string, string | number>> = [];
  for (const g of [...groups, 'all']) {
    const s = stats(g === 'all' ? rows : rows.filter((r) => r.line.lang === g));
    table.push({
      lang: g,
      n: s.n,
      intent: pct(s.intent, s.n),
      language: pct(s.lang, s.n),
      category: s.catN ? `${pct(s.cat, s.catN)} (${s.catN})` : '—',
      'lang entity': s.lnN ? `${pct(s.ln, s.lnN)} (${s.lnN})` : '—',
      'emergency recall': s.emN ? `${pct(s.emHit, s.emN)} (${s.emHit}/${s.emN})` : '—',
      'false alarms': `${pct(s.falseAlarm, s.nonEmN)} (${s.falseAlarm}/${s.nonEmN})`,
    });
  }

  const confusion = new Map<string, number>();
  for (const { line, got } of rows) {
    if (got.intent !== line.intent) {
      const k = `${line.intent} → ${got.intent}`;
      confusion.set(k, (confusion.get(k) ?? 0) + 1);
    }
  }

  if (args.json) {
    console.log(JSON.stringify({ loadMs, table, confusion: Object.fromEntries(confusion) }, null, 2));
    return;
  }

  console.log(`${args.file}: ${lines.length} lines, languages ${u.languages.join('/')}, load ${loadMs.toFixed(0)} ms\n`);
  const cols = Object.keys(table[0]);
  const widths = cols.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(fmt(cols));
  console.log(fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of table) console.log(fmt(cols.map((c) => String(r[c]))));

  console.log('\nIntent confusion (true → predicted, errors only):');
  if (confusion.size === 0) console.log('  none');
  for (const [k, v] of [...confusion.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(3)}  ${k}`);

  const langErrors = rows.filter((r) => r.got.lang !== r.line.lang);
  if (langErrors.length > 0) {
    console.log('\nLanguage errors:');
    for (const r of langErrors) console.log(`  [${r.line.lang} → ${r.got.lang}] ${r.line.text}`);
  }
  if (args.errors) {
    console.log('\nIntent/category errors:');
    for (const { line, got } of rows) {
      const catWrong = line.entities?.category && got.entities.category !== line.entities.category;
      if (got.intent !== line.intent || catWrong) {
        console.log(
          `  [${line.lang}] ${line.text}\n      want ${line.intent}${line.entities?.category ? ` /${line.entities.category}` : ''}` +
            `  got ${got.intent} (${got.confidence.toFixed(2)})${got.entities.category ? ` /${got.entities.category}` : ''}`,
        );
      }
    }
  }
}

main();
