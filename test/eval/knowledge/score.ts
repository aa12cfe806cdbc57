// Scoring of the knowledge evaluation (questions beyond the catalogue, issue 13) from what the
// resident reads: which knowledge entry or catalogue activity a reply answers with, and whether
// anything in it (a number, a time, an e-mail address, a capitalised name) is found nowhere in the knowledge, the
// catalogue or the bot's own texts, i.e. invented. Used by scripts/eval-knowledge.ts and by jest.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.join(__dirname, '..', '..', '..');

export const evalLine = z
  .object({
    lang: z.enum(['da', 'ar', 'en']),
    text: z.string().min(1),
    /** Right answers: an entry key, "catalogue:<activity id>", "catalogue:list", or "none" (nothing fits: no entry may answer). */
    expect: z.array(z.string().regex(/^(none|catalogue:[a-z0-9-]+|[a-z0-9-]+)$/)).min(1),
  })
  .strict();
export type EvalLine = z.infer<typeof evalLine>;

/** A part's file: dev.jsonl, fresh.jsonl, fresh-sealed.jsonl, fresh2.jsonl, fresh2-sealed.jsonl, fresh3.jsonl, fresh4.jsonl, heldout.jsonl. */
export function readEvalSet(part: 'dev' | 'fresh' | 'sealed' | 'fresh2' | 'sealed2' | 'fresh3' | 'fresh4' | 'heldout'): EvalLine[] {
  const name = part === 'sealed' ? 'fresh-sealed' : part === 'sealed2' ? 'fresh2-sealed' : part;
  const file = path.join(__dirname, `${name}.jsonl`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = evalLine.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

/** What residents read: bidi isolates removed, spaces folded. */
export function plain(s: string): string {
  return s.replace(/[\u2066-\u2069\u200e\u200f]/g, '').replace(/\s+/g, ' ');
}

interface KnowledgeJson {
  entries: { key: string; kind: string; texts: Record<string, { title: string; answer: string }> }[];
}
interface CatalogueJson {
  activities: { id: string; texts: Record<string, { title: string }> }[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;

/** The sentence that says a fact is not known yet, per language, with {{topic}}. */
function unknownSentence(lang: string): string {
  return readJson<{ unknown: string }>(`locales/${lang}/knowledge.json`).unknown;
}

export interface Identified {
  keys: string[];
  /** A person is offered (a button with value "human"). */
  personOffered: boolean;
}

/** Which entries and activities a turn's replies answer with. */
export function identify(replies: Record<string, any>[], lang: string): Identified {
  const text = plain(replies.map((r) => r.text ?? '').join('\n'));
  const knowledge = readJson<KnowledgeJson>('prisma/knowledge.json');
  const catalogue = readJson<CatalogueJson>('prisma/catalogue.json');
  const keys: string[] = [];
  const unknown = unknownSentence(lang);
  for (const e of knowledge.entries) {
    const t = e.texts[lang];
    if (!t) continue;
    if (e.kind === 'fact') {
      const said = plain(unknown.replace('{{topic}}', t.title));
      const before = plain(t.answer.split('{{value}}')[0]).trim();
      if (text.includes(said) || (before.length >= 8 && text.includes(before))) keys.push(e.key);
    } else if (text.includes(plain(t.answer).slice(0, 40))) keys.push(e.key);
  }
  const titles = catalogue.activities.filter((a) => a.texts[lang] && text.includes(plain(a.texts[lang].title)));
  for (const a of titles) keys.push(`catalogue:${a.id}`);
  if (titles.length >= 3) keys.push('catalogue:list');
  const personOffered = replies.some((r) => (r.suggestedActions?.actions ?? []).some((a: { value?: string }) => a.value === 'human'));
  return { keys, personOffered };
}

/** Right: an expected entry answered; for "none", no knowledge entry answered. */
export function isRight(line: EvalLine, seen: Identified): boolean {
  if (line.expect.includes('none')) return !seen.keys.some((k) => !k.startsWith('catalogue:'));
  return line.expect.some((k) => seen.keys.includes(k));
}

/** Every text the bot may quote: the knowledge, the catalogue and the locales. */
export function sourceCorpus(extra: string[] = []): string {
  const parts: string[] = [fs.readFileSync(path.join(ROOT, 'prisma/knowledge.json'), 'utf8'), fs.readFileSync(path.join(ROOT, 'prisma/catalogue.json'), 'utf8')];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.json')) parts.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'locales'));
  return plain([...parts, ...calendarWords(), ...extra].join('\n'));
}

/**
 * Numbers, times and Latin names in a reply that the sources do not hold. Numbers are digit runs
 * (a time "17:00" gives 17 and 00); names are capitalised Latin words of 3+ letters.
 */
export function unsupported(reply: string, corpus: string, question = ''): string[] {
  const text = plain(reply);
  const numbers = new Set(corpus.match(/\d+/g) ?? []);
  for (const n of question.match(/\d+/g) ?? []) numbers.add(n);
  const words = new Set(corpus.match(/\p{Lu}[\p{L}]{2,}/gu) ?? []);
  const out: string[] = [];
  for (const n of text.match(/\d+/g) ?? []) if (!numbers.has(n) && !numbers.has(String(Number(n)))) out.push(n);
  for (const w of text.match(/\p{Lu}[\p{L}]{2,}/gu) ?? []) if (!words.has(w) && !question.includes(w)) out.push(w);
  for (const m of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (!corpus.includes(m)) out.push(m);
  return out;
}

/** Weekday and month names in every language the bot writes dates in (dates come from the sessions). */
function calendarWords(): string[] {
  const out: string[] = [];
  for (const locale of ['da-DK', 'en-GB', 'ar']) {
    for (let d = 0; d < 7; d++) {
      const day = new Date(Date.UTC(2026, 0, 5 + d, 12));
      for (const weekday of ['long', 'short'] as const) out.push(new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }).format(day));
    }
    for (let m = 0; m < 12; m++) {
      const day = new Date(Date.UTC(2026, m, 15, 12));
      for (const month of ['long', 'short'] as const) out.push(new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' }).format(day));
    }
  }
  // Sentence-initial forms ("Tirsdag", "Onsdage").
  return [...out, ...out.map((w) => w.charAt(0).toUpperCase() + w.slice(1))];
}

/** Numbers of the catalogue's dated sessions as residents read them (day, month, year, hour, minute). */
export function sessionNumbers(sessions: { startsAt: string; endsAt: string }[]): string[] {
  const out: string[] = [];
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  for (const s of sessions) for (const at of [s.startsAt, s.endsAt]) out.push(...(f.format(new Date(at)).match(/\d+/g) ?? []));
  return out;
}
