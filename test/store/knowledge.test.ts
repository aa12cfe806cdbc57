// The knowledge on both databases: seeded from prisma/knowledge.json idempotently, a deployment's
// values on top, staff edits never overwritten; and the seed itself invents nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/store/prisma';
import { prismaKnowledgeRepository } from '../../src/store/knowledge-repository';
import { applyOverrides, readKnowledge, seedKnowledge, type KnowledgeOverrides } from '../../src/store/knowledge-seed';
import { answerFrom } from '../../src/domain/knowledge';
import type { DbKind } from '../support/db';
import { openFreshDb } from '../support/store';

const seed = readKnowledge();

describe.each<DbKind>(['sqlite', 'postgres'])('knowledge on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = (await openFreshDb(kind)).db;
    // startApp is not run here: the seed starts from empty tables.
    await db.knowledgeEntry.deleteMany();
  });
  afterAll(async () => db.$disconnect());

  test('seed: every entry in da/ar/en, facts unset, and a second run writes nothing', async () => {
    expect(await seedKnowledge(db, seed)).toEqual({ created: seed.entries.length, updated: 0 });
    const entries = await prismaKnowledgeRepository(db).loadEntries();
    expect(entries).toHaveLength(seed.entries.length);
    for (const e of entries) {
      expect(Object.keys(e.texts).sort()).toEqual(['ar', 'da', 'en']);
      for (const t of Object.values(e.texts)) expect(t.questions.length).toBeGreaterThan(0);
      if (e.kind === 'fact') expect(answerFrom(e, 'da', 'da').kind).toBe('unknown');
      if (e.kind === 'referral') expect(answerFrom(e, 'ar', 'da')).toMatchObject({ kind: 'referral', contact: null });
    }
    const before = await db.knowledgeEntry.findMany({ select: { key: true, updatedAt: true }, orderBy: { key: 'asc' } });
    expect(await seedKnowledge(db, seed)).toEqual({ created: 0, updated: 0 });
    expect(await db.knowledgeEntry.findMany({ select: { key: true, updatedAt: true }, orderBy: { key: 'asc' } })).toEqual(before);
  });

  test("a deployment's values: the fact is known (from staff), the referral has its contact, and again nothing is rewritten", async () => {
    const overrides: KnowledgeOverrides = {
      version: 1,
      entries: {
        address: { value: 'Testvej 1, 2630 Taastrup' },
        'opening-hours': { texts: { da: { value: 'man–tors 9–15' }, ar: { value: 'من الاثنين إلى الخميس 9–15' }, en: { value: 'Mon–Thu 9–15' } } },
        'estate-office': { contact: { phone: '11 22 33 44' } },
      },
    };
    expect(await seedKnowledge(db, seed, overrides)).toEqual({ created: 0, updated: 3 });
    expect(await seedKnowledge(db, seed, overrides)).toEqual({ created: 0, updated: 0 });
    const byKey = new Map((await prismaKnowledgeRepository(db).loadEntries()).map((e) => [e.key, e]));
    expect(answerFrom(byKey.get('address')!, 'en', 'da')).toMatchObject({ kind: 'fact', value: 'Testvej 1, 2630 Taastrup' });
    expect(byKey.get('address')!.source).toBe('staff');
    expect(answerFrom(byKey.get('opening-hours')!, 'ar', 'da')).toMatchObject({ kind: 'fact', value: 'من الاثنين إلى الخميس 9–15' });
    expect(answerFrom(byKey.get('estate-office')!, 'da', 'da')).toMatchObject({ kind: 'referral', contact: { phone: '11 22 33 44', email: null } });
    // Without the file the seed's own (unset) values come back.
    expect(await seedKnowledge(db, seed)).toEqual({ created: 0, updated: 3 });
  });

  test('an entry staff have edited is never overwritten by the seed', async () => {
    await db.knowledgeEntry.update({ where: { key: 'phone' }, data: { value: '99 88 77 66', editedByStaff: true } });
    await seedKnowledge(db, seed);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { key: 'phone' } })).value).toBe('99 88 77 66');
  });
});

describe('the seed data', () => {
  const plan = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'shared', 'seed', 'boligsocial-helhedsplan-charlottekvarteret-2020-2024.txt'), 'utf8');
  const catalogue = fs.readFileSync(path.join(__dirname, '..', '..', 'prisma', 'catalogue.json'), 'utf8');

  test('a deployment file naming an entry that does not exist is refused', () => {
    expect(() => applyOverrides(seed, { version: 1, entries: { adress: { value: 'x' } } })).toThrow(/adress/);
  });

  test('no fact has a value and no referral a contact as shipped: nothing staff have not given', () => {
    for (const e of seed.entries) {
      expect({ key: e.key, value: e.value }).toEqual({ key: e.key, value: null });
      expect({ key: e.key, contact: Object.values(e.contact).filter(Boolean) }).toEqual({ key: e.key, contact: [] });
      for (const t of Object.values(e.texts)) expect(t.value).toBeNull();
    }
  });

  test('every number in an answer is in the plan or the catalogue; no phone number, e-mail or web address anywhere', () => {
    const known = `${plan}\n${catalogue}`;
    for (const e of seed.entries) {
      for (const [lang, t] of Object.entries(e.texts)) {
        for (const n of `${t.title} ${t.answer}`.match(/\d+/g) ?? []) expect({ key: e.key, lang, n, known: known.includes(n) }).toEqual({ key: e.key, lang, n, known: true });
        expect(`${t.title} ${t.answer}`).not.toMatch(/@|https?:|www\.|\d{2} ?\d{2} ?\d{2} ?\d{2}/);
      }
    }
  });

  test("the plan's entries name its section, and the names they give are the plan's", () => {
    for (const e of seed.entries.filter((x) => x.kind === 'plan')) expect(e.section).toMatch(/^(title|[123])$/);
    for (const name of ['Høje-Taastrup Kommune', 'VIBO', 'DFB v. Domea', 'Den skabende by 2640', '1. august 2020', '31. juli 2024']) expect(plan).toContain(name);
  });

  test('no crisis number in any answer: a referral is not an emergency', () => {
    for (const e of seed.entries) for (const t of Object.values(e.texts)) expect(t.answer).not.toMatch(/112|116 ?111|70 ?20 ?12 ?01/);
  });
});
