// The log of questions nobody could answer, on SQLite through the fast path and through Prisma, and
// on PostgreSQL: what a turn records is what the staff's list reads, newest first.
import { randomUUID } from 'node:crypto';
import { prismaUnansweredLog } from '../../src/store/knowledge-repository';
import { STORE_PATHS, storeUnderTest } from '../support/store';

describe.each(STORE_PATHS)('unanswered questions on %s (fast path: %s)', (kind, useFast) => {
  const store = storeUnderTest(kind, useFast);

  test('recorded questions are listed newest first, with their time, language, reason and entry, the text cut at 500', async () => {
    const log = prismaUnansweredLog(store.db, store.fast);
    // Other tests may log questions in the same database meanwhile: these two are found by their words.
    const mark = randomUUID();
    const before = Date.now();
    await log.record({ lang: 'da', text: `hvor kan jeg parkere? ${mark}`, reason: 'no-match' });
    await log.record({ lang: 'ar', text: `${mark} ${'x'.repeat(600)}`, reason: 'unset', entryKey: 'parking' });
    const [newest, older] = (await log.list({ limit: 500 })).filter((q) => q.text.includes(mark));
    expect(older).toMatchObject({ lang: 'da', text: `hvor kan jeg parkere? ${mark}`, reason: 'no-match', entryKey: null });
    expect(newest).toMatchObject({ lang: 'ar', text: `${mark} ${'x'.repeat(600)}`.slice(0, 500), reason: 'unset', entryKey: 'parking' });
    expect(newest.id).toBeGreaterThan(older.id);
    for (const q of [newest, older]) {
      expect(q.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(q.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const earlier = await log.list({ before: newest.id, limit: 500 });
    expect(earlier).toContainEqual(older);
    expect(earlier.map((q) => q.id)).not.toContain(newest.id);
  });
});
