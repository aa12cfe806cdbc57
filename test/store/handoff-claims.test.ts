// The reminder rule is written once (reminderDue in src/domain/handoffs) and run by the repository as
// the WHERE of its compare-and-set claim: on SQLite and PostgreSQL, claimDue claims exactly the
// handoffs the rule calls due, and a claimed one is not due again until the period has passed.
import type { Db } from '../../src/store/prisma';
import { prismaHandoffRepository } from '../../src/store/handoff-repository';
import { prismaResidentRepository } from '../../src/store/resident-repository';
import { reminderDue, reminderWindow, type Handoff, type HandoffRepository, type HandoffTrigger } from '../../src/domain/handoffs';
import type { DbKind } from '../support/db';
import { openFreshDb } from '../support/store';

describe.each<DbKind>(['sqlite', 'postgres'])('reminder claims on %s', (kind) => {
  let db: Db;
  let close: (() => void) | undefined;
  let repo: HandoffRepository;
  beforeAll(async () => {
    const made = await openFreshDb(kind);
    db = made.db;
    close = () => made.fast?.close();
    repo = prismaHandoffRepository(db, made.provider, made.fast);
  });
  afterAll(async () => {
    close?.();
    await db.$disconnect();
  });

  test('claimDue claims what reminderDue calls due: urgent ones at any hour, the others in office hours, never taken or closed ones', async () => {
    const now = new Date('2026-03-02T10:00:00.000Z');
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const ids = new Map<string, string>();
    const open = async (name: string, trigger: HandoffTrigger, at: Date): Promise<string> => {
      const r = await prismaResidentRepository(db).findOrCreate('webchat', `claims-${name}`);
      const { handoff } = await repo.open({ residentId: r.id, reason: { trigger }, language: 'ar', conversationRef: '{}', transcript: [] }, at);
      ids.set(handoff.id, name);
      return handoff.id;
    };
    // Cards that reached the channel have a thread.
    const posted = async (id: string, at: Date) => repo.attachThread(id, `19:staff@thread.tacv2;messageid=${id}`, id, at);
    await posted(await open('waiting', 'asked', minutesAgo(120)), minutesAgo(120));
    await posted(await open('urgent', 'emergency', minutesAgo(120)), minutesAgo(120));
    await posted(await open('recent', 'asked', minutesAgo(10)), minutesAgo(10));
    // Claimed, but no thread: a minute ago the card is still on its way; two hours ago its instance died.
    await open('card-in-flight', 'asked', minutesAgo(1));
    await open('card-lost', 'asked', minutesAgo(120));
    await repo.releaseNotification(await open('never-told', 'asked', minutesAgo(120)));
    await repo.take(await open('taken', 'asked', minutesAgo(120)), 'Lars', minutesAgo(100));
    await repo.close(await open('closed', 'emergency', minutesAgo(120)), minutesAgo(90));

    const names = (hs: Handoff[]) => hs.map((h) => ids.get(h.id)).sort();
    const all = async () => Promise.all([...ids.keys()].map(async (id) => (await repo.byId(id))!));
    const round = async (at: Date, officeOpen: boolean) => {
      const window = reminderWindow(at, 60 * 60_000, officeOpen);
      const expected = names((await all()).filter((h) => reminderDue(h, window)));
      const claimed = names(await repo.claimDue(window, at));
      expect(claimed).toEqual(expected);
      return claimed;
    };
    // Sunday night: the urgent one and the ones whose card never reached the channel.
    expect(await round(now, false)).toEqual(['card-lost', 'never-told', 'urgent']);
    // Office hours a moment later: the waiting one; the two just told are not due again yet.
    expect(await round(new Date(now.getTime() + 1), true)).toEqual(['waiting']);
    expect(await round(new Date(now.getTime() + 2), true)).toEqual([]);
    // An hour on, all of them again; the recent one too (told 70 minutes before), and the card
    // that was in flight an hour ago has surely been lost.
    expect(await round(new Date(now.getTime() + 60 * 60_000 + 2), true)).toEqual([
      'card-in-flight', 'card-lost', 'never-told', 'recent', 'urgent', 'waiting',
    ]);
  });
});
