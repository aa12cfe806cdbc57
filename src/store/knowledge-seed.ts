// Seeds the knowledge (plan, facts, referrals) from prisma/knowledge.json, with a deployment's own
// values on top (KNOWLEDGE_FILE: the address, opening hours, phone, prices, referral contacts).
// Idempotent: a start writes only what changed, so `updatedAt` says when a fact really changed.
// Entries staff have edited (editedByStaff) are never overwritten; entries staff added are kept.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_KINDS, KNOWLEDGE_SOURCES } from '../domain/knowledge';
import { projectRoot } from '../paths';
import { parseQuestions } from './knowledge-repository';
import type { Db } from './prisma';

const nullableText = z.string().trim().min(1).nullable().default(null);
const contact = z.object({ phone: nullableText, email: nullableText, address: nullableText, url: nullableText, hours: nullableText });
const text = z.object({
  title: z.string().min(1),
  answer: z.string().min(1),
  value: nullableText,
  questions: z.array(z.string().min(1)).default([]),
});
const entry = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(KNOWLEDGE_KINDS as [string, ...string[]]),
    source: z.enum(KNOWLEDGE_SOURCES as [string, ...string[]]),
    section: z.string().min(1).nullable().default(null),
    value: nullableText,
    contact: contact.default({ phone: null, email: null, address: null, url: null, hours: null }),
    texts: z.record(z.string().regex(/^[a-z]{2,3}$/), text),
  })
  .refine((e) => e.kind !== 'fact' || Object.values(e.texts).every((t) => t.answer.includes('{{value}}')), {
    message: "a fact's answer must hold {{value}}",
  });
const knowledgeFile = z.object({ version: z.literal(1), entries: z.array(entry) });
export type KnowledgeSeed = z.infer<typeof knowledgeFile>;
type SeedEntry = KnowledgeSeed['entries'][number];

/** A deployment's values: only what staff know (values, contacts, a value per language). */
const overrideEntry = z
  .object({
    value: nullableText.optional(),
    contact: contact.partial().optional(),
    texts: z.record(z.string(), z.object({ value: nullableText })).optional(),
  })
  .strict();
const overridesFile = z.object({ version: z.literal(1), entries: z.record(z.string(), overrideEntry) });
export type KnowledgeOverrides = z.infer<typeof overridesFile>;

export const defaultKnowledgeFile = path.join(projectRoot, 'prisma', 'knowledge.json');

export function readKnowledge(file = defaultKnowledgeFile): KnowledgeSeed {
  return knowledgeFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Reads KNOWLEDGE_FILE; a key the seed does not know is an error (a typo would otherwise be silent). */
export function readKnowledgeOverrides(file: string): KnowledgeOverrides {
  const parsed = overridesFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`KNOWLEDGE_FILE ${file}: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The seed with a deployment's values applied. */
export function applyOverrides(seed: KnowledgeSeed, overrides?: KnowledgeOverrides): SeedEntry[] {
  if (!overrides) return seed.entries;
  const keys = new Set(seed.entries.map((e) => e.key));
  const unknown = Object.keys(overrides.entries).filter((k) => !keys.has(k));
  if (unknown.length) throw new Error(`KNOWLEDGE_FILE names entries that do not exist: ${unknown.join(', ')}`);
  return seed.entries.map((e) => {
    const o = overrides.entries[e.key];
    if (!o) return e;
    const texts = Object.fromEntries(
      Object.entries(e.texts).map(([lang, t]) => [lang, o.texts?.[lang] ? { ...t, value: o.texts[lang].value } : t]),
    );
    // Whatever a deployment sets is what staff know: shown as "from staff", not as the plan's.
    const source = e.kind === 'fact' ? 'staff' : e.source;
    return { ...e, source, value: o.value !== undefined ? o.value : e.value, contact: { ...e.contact, ...o.contact }, texts };
  });
}

type Row = Awaited<ReturnType<typeof loadRows>>[number];

function loadRows(db: Db) {
  return db.knowledgeEntry.findMany({
    select: {
      key: true, kind: true, source: true, section: true, value: true, phone: true, email: true, address: true,
      url: true, hours: true, editedByStaff: true, active: true,
      texts: { select: { lang: true, title: true, answer: true, value: true, questions: true } },
    },
  });
}

function fields(e: SeedEntry) {
  return { kind: e.kind, source: e.source, section: e.section, value: e.value, ...e.contact, active: true };
}

function textRows(e: SeedEntry) {
  return Object.entries(e.texts).map(([lang, t]) => ({ lang, title: t.title, answer: t.answer, value: t.value, questions: JSON.stringify(t.questions) }));
}

function same(row: Row, e: SeedEntry): boolean {
  const f = fields(e);
  if ((Object.keys(f) as (keyof typeof f)[]).some((k) => row[k] !== f[k])) return false;
  const want = textRows(e);
  if (row.texts.length !== want.length) return false;
  return want.every((w) => {
    const have = row.texts.find((t) => t.lang === w.lang);
    return (
      have !== undefined && have.title === w.title && have.answer === w.answer && have.value === w.value &&
      JSON.stringify(parseQuestions(have.questions)) === w.questions
    );
  });
}

export async function seedKnowledge(db: Db, seed: KnowledgeSeed = readKnowledge(), overrides?: KnowledgeOverrides): Promise<{ created: number; updated: number }> {
  const entries = applyOverrides(seed, overrides);
  const rows = new Map((await loadRows(db)).map((r) => [r.key, r]));
  let created = 0;
  let updated = 0;
  for (const e of entries) {
    const row = rows.get(e.key);
    if (!row) {
      await db.knowledgeEntry.create({ data: { key: e.key, ...fields(e), texts: { create: textRows(e) } } });
      created++;
    } else if (!row.editedByStaff && !same(row, e)) {
      await db.$transaction([
        db.knowledgeText.deleteMany({ where: { key: e.key } }),
        db.knowledgeEntry.update({ where: { key: e.key }, data: { ...fields(e), texts: { create: textRows(e) } } }),
      ]);
      updated++;
    }
  }
  return { created, updated };
}
