import {
  editChangesAnswer, editKeepsValueSlot,
  type KnowledgeAdmin, type KnowledgeEntry, type KnowledgeKind, type KnowledgeRepository, type KnowledgeSource,
  type StaffKnowledgeEntry, type UnansweredLog, type UnansweredReason,
} from '../domain/knowledge';
import type { Db } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

/** Questions are stored as a JSON array; a damaged one matches nothing rather than breaking a turn. */
export function parseQuestions(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

const ENTRY_SELECT = {
  key: true, kind: true, source: true, section: true, value: true, editedByStaff: true, active: true,
  phone: true, email: true, address: true, url: true, hours: true, updatedAt: true,
  texts: { select: { lang: true, title: true, answer: true, value: true, questions: true } },
} as const;

type EntryRow = {
  key: string; kind: string; source: string; section: string | null; value: string | null; editedByStaff: boolean; active: boolean;
  phone: string | null; email: string | null; address: string | null; url: string | null; hours: string | null; updatedAt: Date;
  texts: { lang: string; title: string; answer: string; value: string | null; questions: string }[];
};

function toEntry(r: EntryRow): StaffKnowledgeEntry {
  return {
    key: r.key,
    kind: r.kind as KnowledgeKind,
    source: r.source as KnowledgeSource,
    section: r.section,
    value: r.value,
    contact: { phone: r.phone, email: r.email, address: r.address, url: r.url, hours: r.hours },
    updatedAt: r.updatedAt,
    editedByStaff: r.editedByStaff,
    active: r.active,
    texts: Object.fromEntries(r.texts.map(({ lang, questions, ...t }) => [lang, { ...t, questions: parseQuestions(questions) }])),
  };
}

export function prismaKnowledgeRepository(db: Db): KnowledgeRepository & KnowledgeAdmin {
  return {
    async loadEntries(): Promise<KnowledgeEntry[]> {
      const rows = await db.knowledgeEntry.findMany({ where: { active: true }, orderBy: { key: 'asc' }, select: ENTRY_SELECT });
      return rows.map((r) => {
        const { editedByStaff: _e, active: _a, ...entry } = toEntry(r);
        return entry;
      });
    },

    async listForStaff() {
      return (await db.knowledgeEntry.findMany({ orderBy: { key: 'asc' }, select: ENTRY_SELECT })).map(toEntry);
    },

    async edit(key, edit, languages) {
      const row = await db.knowledgeEntry.findUnique({ where: { key }, select: ENTRY_SELECT });
      if (!row) return { ok: false, reason: 'not_found' };
      const langs = Object.keys(edit.texts ?? {});
      if (langs.some((l) => !languages.includes(l))) return { ok: false, reason: 'unknown_language' };
      if (!editKeepsValueSlot(row.kind as KnowledgeKind, edit)) return { ok: false, reason: 'fact_without_value_slot' };
      const have = new Map(row.texts.map((t) => [t.lang, t]));
      for (const [lang, t] of Object.entries(edit.texts ?? {})) {
        if (!have.has(lang) && (!t.title || !t.answer)) return { ok: false, reason: 'new_language_incomplete' };
      }
      const nullable = (v: string | null | undefined) => (v === undefined ? undefined : v && v.trim() ? v.trim() : null);
      const c = edit.contact ?? {};
      await db.$transaction([
        ...Object.entries(edit.texts ?? {}).map(([lang, t]) => {
          const data = {
            title: t.title, answer: t.answer, value: nullable(t.value),
            questions: t.questions === undefined ? undefined : JSON.stringify(t.questions),
          };
          return have.has(lang)
            ? db.knowledgeText.update({ where: { key_lang: { key, lang } }, data })
            : db.knowledgeText.create({ data: { key, lang, title: t.title!, answer: t.answer!, value: data.value ?? null, questions: data.questions ?? '[]' } });
        }),
        db.knowledgeEntry.update({
          where: { key },
          data: {
            editedByStaff: true,
            ...(editChangesAnswer(edit) ? { source: 'staff' } : {}),
            value: nullable(edit.value),
            phone: nullable(c.phone), email: nullable(c.email), address: nullable(c.address), url: nullable(c.url), hours: nullable(c.hours),
            // Touch the entry even when only its texts changed: updatedAt is the date residents see.
            updatedAt: new Date(),
          },
        }),
      ]);
      const updated = await db.knowledgeEntry.findUniqueOrThrow({ where: { key }, select: ENTRY_SELECT });
      return { ok: true, entry: toEntry(updated) };
    },
  };
}

const MAX_TEXT = 500;

// Every message nobody understood writes one: plain SQL on SQLite (~0.8 ms of CPU through Prisma).
const RECORD_SQL = 'INSERT INTO "UnansweredQuestion" ("at", "lang", "text", "reason", "entryKey") VALUES (?, ?, ?, ?, ?)';

export function prismaUnansweredLog(db: Db, fast?: SqliteFast): UnansweredLog {
  return {
    async record(q) {
      const row = { lang: q.lang, text: q.text.slice(0, MAX_TEXT), reason: q.reason, entryKey: q.entryKey ?? null };
      await fastOr(
        fast,
        (f) => void f.run(RECORD_SQL, sqliteDate(new Date()), row.lang, row.text, row.reason, row.entryKey),
        async () => void (await db.unansweredQuestion.create({ data: row, select: { id: true } })),
      );
    },
    async list(opts = {}) {
      const rows = await db.unansweredQuestion.findMany({
        where: opts.before ? { id: { lt: opts.before } } : undefined,
        orderBy: { id: 'desc' },
        take: Math.min(Math.max(opts.limit ?? 100, 1), 500),
        select: { id: true, at: true, lang: true, text: true, reason: true, entryKey: true },
      });
      return rows.map((r) => ({ ...r, reason: r.reason as UnansweredReason }));
    },
  };
}
