// The plain-SQL statements of a resident's turn in an open handoff (decision 002), on SQLite
// through the fast path and through Prisma, and on PostgreSQL: they read what the ORM wrote, and
// the ORM reads what they wrote.
import type { Db } from '../../src/store/prisma';
import { prismaHandoffRepository, messageId } from '../../src/store/handoff-repository';
import { prismaResidentRepository } from '../../src/store/resident-repository';
import { prismaSettingsRepository } from '../../src/store/settings-repository';
import type { SqliteFast } from '../../src/store/sqlite-fast';
import { MESSAGES_KEPT, type HandoffRepository } from '../../src/domain/handoffs';
import { STORE_PATHS, storeUnderTest } from '../support/store';

describe.each(STORE_PATHS)('handoff store on %s (fast path: %s)', (kind, useFast) => {
  const store = storeUnderTest(kind, useFast);
  let db: Db;
  let fast: SqliteFast | undefined;
  let repo: HandoffRepository;
  beforeAll(() => {
    ({ db, fast } = store);
    repo = prismaHandoffRepository(db, store.provider, fast);
  });

  const residents = () => prismaResidentRepository(db, fast);
  const ref = JSON.stringify({ conversation: { id: 'c' } });

  test('openFor reads the open handoff as byId does, and nothing once it is closed', async () => {
    const r = await residents().findOrCreate('webchat', 'h-open');
    expect(await repo.openFor('webchat', 'h-open')).toBeNull();
    const now = new Date('2026-03-02T10:00:00.123Z');
    const { handoff } = await repo.open({ residentId: r.id, reason: { trigger: 'asked' }, language: 'da', conversationRef: ref, transcript: ['a', 'b'] }, now);
    const found = await repo.openFor('webchat', 'h-open');
    expect(found).toEqual(await repo.byId(handoff.id));
    expect(found).toMatchObject({ urgent: false, status: 'queued', takenAt: null, reason: { trigger: 'asked' } });
    expect(found!.createdAt.toISOString()).toBe('2026-03-02T10:00:00.123Z');
    await repo.take(handoff.id, 'staff-1', new Date('2026-03-02T10:05:00Z'));
    await repo.markUrgent(handoff.id);
    const taken = await repo.openFor('webchat', 'h-open');
    expect(taken).toEqual(await repo.byId(handoff.id));
    expect(taken).toMatchObject({ urgent: true, status: 'taken', takenBy: 'staff-1' });
    expect(taken!.takenAt!.toISOString()).toBe('2026-03-02T10:05:00.000Z');
    await repo.close(handoff.id, new Date());
    expect(await repo.openFor('webchat', 'h-open')).toBeNull();
  });

  test('messages: the newest MESSAGES_KEPT are kept, in order, also within one millisecond', async () => {
    const r = await residents().findOrCreate('webchat', 'h-msg');
    const start = new Date('2026-03-02T11:00:00Z');
    const { handoff } = await repo.open({ residentId: r.id, reason: { trigger: 'asked' }, language: 'da', conversationRef: ref, transcript: ['first'] }, start);
    const same = new Date(start.getTime() + 1000);
    for (let i = 0; i < MESSAGES_KEPT + 5; i++) {
      await repo.addMessage(handoff.id, i % 3 ? 'resident' : 'staff', `m${i}`, i < 3 ? same : new Date(start.getTime() + 2000 + i));
    }
    const recent = await repo.recentMessages(handoff.id, 100);
    expect(recent.map((m) => m.text)).toEqual(Array.from({ length: MESSAGES_KEPT }, (_, i) => `m${i + 5}`));
    expect(recent[0]).toEqual({ direction: 'resident', text: 'm5', createdAt: new Date(start.getTime() + 2005) });
    expect(recent.at(-1)!.createdAt).toBeInstanceOf(Date);
    expect((await repo.recentMessages(handoff.id, 2)).map((m) => m.text)).toEqual([`m${MESSAGES_KEPT + 3}`, `m${MESSAGES_KEPT + 4}`]);
    // The ORM sees the same rows.
    expect(await db.handoffMessage.count({ where: { handoffId: handoff.id } })).toBe(MESSAGES_KEPT);

    const r2 = await residents().findOrCreate('webchat', 'h-msg-2');
    const { handoff: h2 } = await repo.open({ residentId: r2.id, reason: { trigger: 'asked' }, language: 'da', conversationRef: ref, transcript: [] }, start);
    for (let i = 0; i < 4; i++) await repo.addMessage(h2.id, 'resident', `s${i}`, same);
    expect((await repo.recentMessages(h2.id, 10)).map((m) => m.text)).toEqual(['s0', 's1', 's2', 's3']);
  });

  test('queue position: urgent ones first, then the older ones', async () => {
    await db.handoff.updateMany({ where: { status: { not: 'closed' } }, data: { status: 'closed' } });
    const open = async (user: string, trigger: 'asked' | 'emergency', at: string) => {
      const r = await residents().findOrCreate('webchat', user);
      return (await repo.open({ residentId: r.id, reason: { trigger }, language: 'da', conversationRef: ref, transcript: [] }, new Date(at))).handoff;
    };
    const a = await open('q-a', 'asked', '2026-03-03T10:00:00Z');
    const b = await open('q-b', 'asked', '2026-03-03T10:01:00Z');
    const c = await open('q-c', 'emergency', '2026-03-03T10:02:00Z');
    const d = await open('q-d', 'asked', '2026-03-03T10:01:00Z');
    const positions = async () => Promise.all([a, b, c, d].map((h) => repo.queuePosition(h.id)));
    const [pb, pd] = b.id < d.id ? [3, 4] : [4, 3];
    expect(await positions()).toEqual([2, pb, 1, pd]);
    await repo.take(c.id, 'staff', new Date());
    expect(await positions()).toEqual([1, pb - 1, null, pd - 1]);
    expect(await repo.queuePosition('nope')).toBeNull();
  });

  test('settings are read as written', async () => {
    const settings = prismaSettingsRepository(db, fast);
    expect(await settings.get('k')).toBeNull();
    await settings.set('k', 'v1');
    await settings.set('k', 'v2');
    expect(await settings.get('k')).toBe('v2');
    await settings.delete('k');
    expect(await settings.get('k')).toBeNull();
  });
});

test('message ids sort by their time, then by creation', () => {
  const ids = [messageId(1_000), messageId(1_000), messageId(1_001), messageId(2_000_000_000_000)];
  expect([...ids].sort()).toEqual(ids);
  expect(ids[0]).toMatch(/^c[0-9a-z]{24}$/);
});
