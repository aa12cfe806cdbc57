// The notice outbox's statements of a new conversation (store the address, look for waiting notices)
// on SQLite through the fast path and through Prisma, and on PostgreSQL: each reads what the other wrote.
import type { Db } from '../../src/store/prisma';
import { prismaNoticeOutbox } from '../../src/store/notice-outbox';
import { prismaResidentRepository } from '../../src/store/resident-repository';
import type { SqliteFast } from '../../src/store/sqlite-fast';
import { noticeRow, type NoticeOutbox } from '../../src/domain/notices';
import { STORE_PATHS, storeUnderTest } from '../support/store';

describe.each(STORE_PATHS)('notice outbox on %s (fast path: %s)', (kind, useFast) => {
  const store = storeUnderTest(kind, useFast);
  let db: Db;
  let fast: SqliteFast | undefined;
  let outbox: NoticeOutbox;
  beforeAll(() => {
    ({ db, fast } = store);
    outbox = prismaNoticeOutbox(db, fast);
  });

  const resident = (user: string) => prismaResidentRepository(db, fast).findOrCreate('webchat', user);

  test('remember stores the address, a later conversation replaces it, and the ORM reads the row', async () => {
    const r = await resident('n-address');
    await prismaResidentRepository(db, fast).setLanguage(r.id, 'ar', 'explicit');
    expect(await outbox.address(r.id)).toBeNull();
    const before = Date.now();
    await outbox.remember(r.id, JSON.stringify({ conversation: { id: 'first' } }));
    expect(await outbox.address(r.id)).toEqual({ conversationRef: JSON.stringify({ conversation: { id: 'first' } }), language: 'ar' });
    await outbox.remember(r.id, JSON.stringify({ conversation: { id: 'second' } }));
    expect(await outbox.address(r.id)).toEqual({ conversationRef: JSON.stringify({ conversation: { id: 'second' } }), language: 'ar' });
    const row = await db.residentAddress.findUniqueOrThrow({ where: { residentId: r.id } });
    expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.updatedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('claimDue finds nothing when nothing waits, and a waiting notice once (claimed) until it is sent', async () => {
    const now = new Date();
    expect(await outbox.claimDue(now, 20, 60_000)).toEqual([]);
    const r = await resident('n-claim');
    await outbox.add(noticeRow(r.id, 'notices:promoted', { code: 'ABC123' }));
    const [claimed, ...more] = await outbox.claimDue(new Date(), 20, 60_000);
    expect(more).toEqual([]);
    expect(claimed).toMatchObject({ residentId: r.id, key: 'notices:promoted', vars: { code: 'ABC123' }, attempts: 0 });
    // Claimed for a minute: not handed out again meanwhile, but after the claim has run out.
    expect(await outbox.claimDue(new Date(), 20, 60_000)).toEqual([]);
    expect(await outbox.claimDue(new Date(Date.now() + 120_000), 20, 60_000)).toMatchObject([{ id: claimed.id }]);
    await outbox.sent(claimed.id, new Date());
    expect(await outbox.claimDue(new Date(Date.now() + 240_000), 20, 60_000)).toEqual([]);
  });
});
