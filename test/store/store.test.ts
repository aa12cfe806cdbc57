// Store behaviour on both databases: state with eTags, residents, duplicate detection, seeding.
import type { Db } from '../../src/store/prisma';
import { StateRepository, EtagConflict } from '../../src/store/state-repository';
import { prismaResidentRepository } from '../../src/store/resident-repository';
import { ProcessedActivities } from '../../src/store/processed-activities';
import { prismaCatalogueRepository } from '../../src/store/catalogue-repository';
import { readCatalogue, seedCatalogue, copenhagenTime } from '../../src/store/seed';
import type { DbKind } from '../support/db';
import { openFreshDb } from '../support/store';

describe.each<DbKind>(['sqlite', 'postgres'])('store on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = (await openFreshDb(kind)).db;
  });
  afterAll(async () => db.$disconnect());

  test('state: a write with a stale eTag is refused, a fresh one succeeds', async () => {
    const repo = new StateRepository(db);
    const first = await repo.write('conv/1', '{"n":1}', null);
    await expect(repo.write('conv/1', '{"n":9}', null)).rejects.toBeInstanceOf(EtagConflict);
    const second = await repo.write('conv/1', '{"n":2}', first);
    await expect(repo.write('conv/1', '{"n":3}', first)).rejects.toBeInstanceOf(EtagConflict);
    expect((await repo.read(['conv/1'])).get('conv/1')).toEqual({ data: '{"n":2}', etag: second });
    await repo.write('conv/1', '{"n":4}', undefined);
    await repo.delete(['conv/1']);
    expect((await repo.read(['conv/1'])).size).toBe(0);
  });

  test('state: of two concurrent writers from the same read, exactly one wins', async () => {
    const repo = new StateRepository(db);
    const etag = await repo.write('conv/race', '{}', null);
    const results = await Promise.allSettled([repo.write('conv/race', '{"a":1}', etag), repo.write('conv/race', '{"b":1}', etag)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('residents: found or created once, language stored', async () => {
    const residents = prismaResidentRepository(db);
    const [a, b] = await Promise.all([residents.findOrCreate('webchat', 'u1'), residents.findOrCreate('webchat', 'u1')]);
    expect(a.id).toBe(b.id);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    await residents.setLanguage(a.id, 'ar', 'explicit');
    const again = await residents.findOrCreate('webchat', 'u1');
    expect(again).toMatchObject({ language: 'ar', languageSource: 'explicit', isNew: false });
  });

  test('processed activities: a key is claimed once, and can be released after a failure', async () => {
    const p = new ProcessedActivities(db, undefined, { leaseMs: 1000 });
    const first = await p.claim('webchat:c:1');
    expect(first).not.toBeNull();
    await first!.done();
    expect(await p.claim('webchat:c:1')).toBeNull();
    const failing = (await p.claim('webchat:c:2'))!;
    await failing.release();
    const retried = await p.claim('webchat:c:2');
    expect(retried).not.toBeNull();
    await retried!.done();
  });

  test('the end of a turn: the state write and the done mark commit together, or neither does', async () => {
    const repo = new StateRepository(db);
    const p = new ProcessedActivities(db, undefined, { leaseMs: 1000 });
    const claim = (await p.claim('webchat:c:end'))!;
    claim.settle();
    await repo.write('conv/end', '{"n":1}', '*', claim);
    expect((await repo.read(['conv/end'])).get('conv/end')?.data).toBe('{"n":1}');
    expect(await p.claim('webchat:c:end')).toBeNull();
    // A state write that fails (here: no data, against the NOT NULL column) does not mark the activity done.
    const failing = (await p.claim('webchat:c:end2'))!;
    failing.settle();
    await expect(repo.write('conv/end2', null as unknown as string, '*', failing)).rejects.toThrow();
    expect(await db.processedActivity.findUniqueOrThrow({ where: { key: 'webchat:c:end2' } })).toMatchObject({ status: 'running' });
    await failing.release();
  });

  test('processed activities: a claim whose turn died is taken over after its lease; a live one is renewed and not', async () => {
    const p = new ProcessedActivities(db, undefined, { leaseMs: 1000 });
    // What a process killed mid-turn leaves behind: a running claim nobody renews.
    const deadUntil = new Date(Date.now() + 1000);
    await db.processedActivity.create({ data: { key: 'webchat:c:dead', status: 'running', owner: 'killed', leaseUntil: deadUntil } });
    const retry = await p.claim('webchat:c:dead');
    expect(retry).not.toBeNull();
    // Taken over only once the dead claim's lease had run out (not a speed check: a lower bound).
    expect(Date.now()).toBeGreaterThanOrEqual(deadUntil.getTime());
    await retry!.done();
    expect(await db.processedActivity.findUniqueOrThrow({ where: { key: 'webchat:c:dead' } })).toMatchObject({ status: 'done', owner: retry!.owner });
    // A live turn keeps renewing: a duplicate waits about a lease, then is dropped.
    const live = (await p.claim('webchat:c:live'))!;
    const waiting = Date.now();
    expect(await p.claim('webchat:c:live')).toBeNull();
    expect(Date.now() - waiting).toBeGreaterThanOrEqual(1000);
    await live.done();
    expect(await p.claim('webchat:c:live')).toBeNull();
  });

  test('seed: every activity in every language, weekly sessions ahead, idempotent, never overwrites', async () => {
    const seed = readCatalogue();
    const now = new Date('2026-11-25T12:00:00Z');
    const first = await seedCatalogue(db, seed, now);
    expect(first.activities).toBe(seed.activities.length);
    await db.activityText.update({ where: { activityId_lang: { activityId: 'parent-network', lang: 'da' } }, data: { title: 'Edited by staff' } });
    const second = await seedCatalogue(db, seed, now);
    expect(second).toEqual({ activities: 0, sessions: 0 });
    const activities = await prismaCatalogueRepository(db).loadActivities(now);
    const network = activities.find((a) => a.id === 'parent-network')!;
    expect(network.texts.da.title).toBe('Edited by staff');
    expect(Object.keys(network.texts).sort()).toEqual(['ar', 'da', 'en']);
    expect(network.sessions.length).toBe(seed.activities.find((a) => a.id === 'parent-network')!.recurrence!.weeks);
    // Wednesday 17:00 in Copenhagen (winter time, UTC+1) is 16:00 UTC.
    expect(network.sessions[0].startsAt.toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });
});

test('Copenhagen wall-clock time follows summer time', () => {
  expect(copenhagenTime(new Date('2027-07-01T00:00:00Z'), '17:00').toISOString()).toBe('2027-07-01T15:00:00.000Z');
  expect(copenhagenTime(new Date('2027-01-06T00:00:00Z'), '17:00').toISOString()).toBe('2027-01-06T16:00:00.000Z');
});

describe('the SQLite fast path for per-turn statements', () => {
  let db: Db;
  let fast: import('../../src/store/sqlite-fast').SqliteFast;
  beforeAll(async () => {
    const made = await openFreshDb('sqlite');
    db = made.db;
    fast = made.fast!;
  });
  afterAll(async () => {
    fast.close();
    await db.$disconnect();
  });

  test('what the fast path writes, Prisma reads, with the same dates and eTags', async () => {
    const repo = new StateRepository(db, fast);
    const etag = await repo.write('conv/fast', '{"a":1}', null);
    const next = await repo.write('conv/fast', '{"a":2}', etag);
    await expect(repo.write('conv/fast', '{"a":3}', etag)).rejects.toBeInstanceOf(EtagConflict);
    const viaPrisma = await db.botState.findUniqueOrThrow({ where: { key: 'conv/fast' } });
    expect(viaPrisma).toMatchObject({ data: '{"a":2}', etag: next });
    expect(Math.abs(viaPrisma.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const p = new ProcessedActivities(db, fast, { leaseMs: 1000 });
    await (await p.claim('fast:1'))!.done();
    expect(await p.claim('fast:1')).toBeNull();
    expect(await db.processedActivity.findUniqueOrThrow({ where: { key: 'fast:1' } })).toMatchObject({ status: 'done', leaseUntil: null });
    expect(await p.prune(new Date(Date.now() + 1000))).toBeGreaterThan(0);
  });

  test('the fast path commits the end of a turn (state and done mark) together, or neither', async () => {
    const repo = new StateRepository(db, fast);
    const p = new ProcessedActivities(db, fast, { leaseMs: 1000 });
    const claim = (await p.claim('fast:end'))!;
    claim.settle();
    await repo.write('conv/fast-end', '{"n":1}', undefined, claim);
    expect(await db.botState.findUniqueOrThrow({ where: { key: 'conv/fast-end' } })).toMatchObject({ data: '{"n":1}' });
    expect(await db.processedActivity.findUniqueOrThrow({ where: { key: 'fast:end' } })).toMatchObject({ status: 'done', leaseUntil: null });
    const failing = (await p.claim('fast:end2'))!;
    failing.settle();
    // Refused either way: by better-sqlite3 (an Error) or, when the fast path found the file busy, by
    // Prisma's batch (which can reject with a plain object, so not `rejects.toThrow()`).
    const outcome = await repo.write('conv/fast-end2', null as unknown as string, undefined, failing).then(() => 'written', () => 'refused');
    expect(outcome).toBe('refused');
    expect(await db.botState.findUnique({ where: { key: 'conv/fast-end2' } })).toBeNull();
    expect(await db.processedActivity.findUniqueOrThrow({ where: { key: 'fast:end2' } })).toMatchObject({ status: 'running' });
    await failing.release();
  });

  test('while a Prisma transaction holds the write lock, a per-turn write waits for it instead of failing', async () => {
    const repo = new StateRepository(db, fast);
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const lockTaken = new Promise<void>((r) => (locked = r));
    const tx = db.$transaction(async (t) => {
      await t.setting.create({ data: { key: 'lock', value: 'x' } });
      locked();
      await held;
    });
    // The write starts once the transaction holds the lock (its fast attempt runs at once, before the release).
    await lockTaken;
    const write = repo.write('conv/locked', '{}', undefined);
    release();
    await expect(write).resolves.toEqual(expect.any(String));
    await tx;
    expect((await repo.read(['conv/locked'])).size).toBe(1);
  });

  test('residents are read through the fast path with their consent and waitlist news', async () => {
    const residents = prismaResidentRepository(db, fast);
    const created = await residents.findOrCreate('sms', 'u-fast');
    await residents.recordConsent(created.id, new Date('2026-11-25T10:00:00Z'));
    const again = await residents.findOrCreate('sms', 'u-fast');
    expect(again).toMatchObject({ id: created.id, isNew: false, pendingPromotions: 0 });
    expect(again.consentAt?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    await residents.setLanguage(created.id, 'da', 'detected');
    expect(await residents.findOrCreate('sms', 'u-fast')).toMatchObject({ language: 'da', languageSource: 'detected' });
    // Created on the fast path by two turns at once: one resident, created once.
    const [a, b] = await Promise.all([residents.findOrCreate('sms', 'u-twice'), residents.findOrCreate('sms', 'u-twice')]);
    expect(a.id).toBe(b.id);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    // Another instance (Prisma's connection) sees what the fast path wrote.
    const seen = await db.resident.findUniqueOrThrow({ where: { id: a.id }, select: { channelUserId: true, createdAt: true } });
    expect(seen.channelUserId).toBe('u-twice');
    expect(Math.abs(seen.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});
