// Answers beyond the catalogue: what the programme's plan says, the practical facts staff keep, and
// where to go for what the programme does not do. Data lives in the database (seeded from
// prisma/knowledge.json and a deployment's KNOWLEDGE_FILE); this module shapes, decides and caches.
//
// Never invented: a fact without a value, or a referral without contact details, is "unset", and
// the bot says so and offers a person instead of guessing an address, a number or a price.

export type KnowledgeKind = 'plan' | 'fact' | 'referral';
/** Where an answer comes from: the plan (with its section), staff or the deployment, the programme's guidance. */
export type KnowledgeSource = 'plan' | 'staff' | 'guidance';

export const KNOWLEDGE_KINDS: readonly KnowledgeKind[] = ['plan', 'fact', 'referral'];
export const KNOWLEDGE_SOURCES: readonly KnowledgeSource[] = ['plan', 'staff', 'guidance'];

export interface KnowledgeText {
  /** A noun phrase: "the address of the residents' house". */
  title: string;
  /** The answer; a fact's answer holds {{value}}. */
  answer: string;
  /** A fact's value written in this language; wins over the entry's value. */
  value: string | null;
  /** How residents ask (for matching). */
  questions: string[];
}

export interface Contact {
  phone: string | null;
  email: string | null;
  address: string | null;
  url: string | null;
  hours: string | null;
}

export const CONTACT_FIELDS: readonly (keyof Contact)[] = ['address', 'phone', 'email', 'url', 'hours'];

export interface KnowledgeEntry {
  key: string;
  kind: KnowledgeKind;
  source: KnowledgeSource;
  /** The plan's section ("1", "2", "3", "title") when source is the plan. */
  section: string | null;
  value: string | null;
  contact: Contact;
  texts: Record<string, KnowledgeText>;
  updatedAt: Date;
}

/** Port: where knowledge entries come from. */
export interface KnowledgeRepository {
  loadEntries(): Promise<KnowledgeEntry[]>;
}

export function knowledgeTextFor(e: KnowledgeEntry, lang: string, fallback: string): KnowledgeText {
  return e.texts[lang] ?? e.texts[fallback] ?? Object.values(e.texts)[0];
}

/** A fact's value in a language, or null when nobody has set it. */
export function factValue(e: KnowledgeEntry, lang: string, fallback: string): string | null {
  const v = knowledgeTextFor(e, lang, fallback).value ?? e.value;
  return v && v.trim() ? v.trim() : null;
}

export function contactKnown(c: Contact): boolean {
  return CONTACT_FIELDS.some((f) => Boolean(c[f]?.trim()));
}

/**
 * What can honestly be said from an entry: the plan's text; a fact's value or "not known yet";
 * a referral with its contact, or without ("we don't have their details yet").
 */
export type KnowledgeAnswer =
  | { kind: 'plan'; entry: KnowledgeEntry; text: KnowledgeText }
  | { kind: 'fact'; entry: KnowledgeEntry; text: KnowledgeText; value: string }
  | { kind: 'unknown'; entry: KnowledgeEntry; text: KnowledgeText }
  | { kind: 'referral'; entry: KnowledgeEntry; text: KnowledgeText; contact: Contact | null };

export function answerFrom(e: KnowledgeEntry, lang: string, fallback: string): KnowledgeAnswer {
  const text = knowledgeTextFor(e, lang, fallback);
  if (e.kind === 'plan') return { kind: 'plan', entry: e, text };
  if (e.kind === 'referral') return { kind: 'referral', entry: e, text, contact: contactKnown(e.contact) ? e.contact : null };
  const value = factValue(e, lang, fallback);
  return value ? { kind: 'fact', entry: e, text, value } : { kind: 'unknown', entry: e, text };
}

/**
 * Reads the entries once and keeps them for a minute: staff edit them rarely, every unclear
 * message may look them up. `version` changes whenever a new list was read (matchers rebuild then).
 */
export class Knowledge {
  private cache: { at: number; entries: KnowledgeEntry[] } | null = null;
  private loading: Promise<KnowledgeEntry[]> | null = null;
  version = 0;

  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async all(): Promise<KnowledgeEntry[]> {
    const t = this.now().getTime();
    if (this.cache && t - this.cache.at < this.maxAgeMs) return this.cache.entries;
    this.loading ??= this.repo
      .loadEntries()
      .then((entries) => {
        const changed = !this.cache || fingerprint(this.cache.entries) !== fingerprint(entries);
        this.cache = { at: t, entries: changed || !this.cache ? entries : this.cache.entries };
        if (changed) this.version++;
        return this.cache.entries;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  async byKey(key: string): Promise<KnowledgeEntry | undefined> {
    return (await this.all()).find((e) => e.key === key);
  }

  invalidate(): void {
    this.cache = null;
  }
}

function fingerprint(entries: KnowledgeEntry[]): string {
  return entries.map((e) => `${e.key}@${e.updatedAt.getTime()}`).join('|');
}

/** Why a question went unanswered: nothing fitted, or the entry that fits has no value yet. */
export type UnansweredReason = 'no-match' | 'unset';

export interface UnansweredQuestion {
  id: number;
  at: Date;
  lang: string;
  /** Masked: names, phone numbers and e-mail addresses replaced. */
  text: string;
  reason: UnansweredReason;
  entryKey: string | null;
}

/** Port: what residents asked that nobody could answer, for staff (no resident id is ever kept). */
export interface UnansweredLog {
  record(q: { lang: string; text: string; reason: UnansweredReason; entryKey?: string | null }): Promise<void>;
  /** Newest first; `before` pages on by id. */
  list(opts?: { limit?: number; before?: number }): Promise<UnansweredQuestion[]>;
}

/** An entry as staff see and edit it (GET/PUT /api/staff/knowledge). */
export interface StaffKnowledgeEntry extends KnowledgeEntry {
  editedByStaff: boolean;
  active: boolean;
}

/** What staff may change in an entry: its value, contact fields, and texts per language. */
export interface KnowledgeEdit {
  value?: string | null;
  contact?: Partial<Contact>;
  texts?: Record<string, Partial<KnowledgeText>>;
}

export type KnowledgeEditResult =
  | { ok: true; entry: StaffKnowledgeEntry }
  | { ok: false; reason: 'not_found' | 'unknown_language' | 'fact_without_value_slot' | 'new_language_incomplete' };

/** Port: staff reading and editing the knowledge. */
export interface KnowledgeAdmin {
  listForStaff(): Promise<StaffKnowledgeEntry[]>;
  edit(key: string, edit: KnowledgeEdit, languages: readonly string[]): Promise<KnowledgeEditResult>;
}

/**
 * Staff changing what residents read (an answer, a value, a contact, a title) makes the entry
 * theirs: shown as "Updated by staff on …". Adding ways of asking only changes matching.
 */
export function editChangesAnswer(edit: KnowledgeEdit): boolean {
  if (edit.value !== undefined || (edit.contact && Object.keys(edit.contact).length)) return true;
  return Object.values(edit.texts ?? {}).some((t) => t.answer !== undefined || t.title !== undefined || t.value !== undefined);
}

/** A fact's answer must keep its {{value}} slot, or the value would never be shown. */
export function editKeepsValueSlot(kind: KnowledgeKind, edit: KnowledgeEdit): boolean {
  return kind !== 'fact' || Object.values(edit.texts ?? {}).every((t) => t.answer === undefined || t.answer.includes('{{value}}'));
}

/**
 * What a generated answer says that its passages do not: numbers (phone numbers, prices, times,
 * dates: every run of digits), e-mail addresses and capitalised Latin words (names, places). Empty
 * when everything checkable is in the passages. Arabic names cannot be told from words by their
 * letters, so Arabic text is checked by its digits and Latin runs.
 */
export function factsNotIn(answer: string, passages: readonly string[]): string[] {
  const source = passages.join('\n');
  const digits = (s: string) => (s.match(/\d+/g) ?? []).map((n) => String(Number(n)));
  const have = new Set([...digits(source), ...digits(toAsciiDigits(source))]);
  const names = new Set(source.match(/\p{Lu}[\p{L}]+/gu) ?? []);
  const out: string[] = [];
  for (const n of digits(toAsciiDigits(answer))) if (!have.has(n)) out.push(n);
  for (const m of answer.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (!source.includes(m)) out.push(m);
  for (const w of answer.match(/\p{Lu}[\p{L}]+/gu) ?? []) if (!names.has(w) && !isSentenceWord(answer, w, source)) out.push(w);
  return [...new Set(out)];
}

/** A capitalised word that is only capitalised because it starts a sentence ("The", "Du"), found lower-case in the passages. */
function isSentenceWord(answer: string, word: string, source: string): boolean {
  return source.toLowerCase().includes(word.toLowerCase()) && new RegExp(`(^|[.!?:•\\n]\\s*)${word}\\b`, 'u').test(answer);
}

function toAsciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}
