// The retention job on both databases with a moved clock (no sleeps): registrations lose their
// personal data when their session ended (+ the configured days) or at the latest after the
// configured months, cancelled ones at once; idle conversation state and residents with nothing
// left go; closed handoffs' messages go after their period. One run per day across instances.
import type { Db } from '../../src/store/prisma';
import { prismaRetentionStore } from '../../src/store/retention-repository';
import { PROMISED_RETENTION, runRetention, type RetentionPolicy } from '../../src/domain/retention';
import type { DbKind } from '../support/db';
import { openFreshDb } from '../support/store';

const DAY = 86_400_000;
const T0 = new Date('2027-03-01T10:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe.each<DbKind>(['sqlite', 'postgres'])('retention on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = (await openFreshDb(kind)).db;
    await db.registrationCount.deleteMany();
    await db.jobLease.deleteMany();
  });
  afterAll(async () => db.$disconnect());

  let n = 0;
  async function resident(updatedAt = T0) {
    n++;
    const r = await db.resident.create({ data: { channelId: 'test', channelUserId: `ret-${kind}-${n}`, language: 'da', consentAt: T0 } });
    await db.resident.update({ where: { id: r.id }, data: { updatedAt } });
    return r;
  }

  async function registration(residentId: string, o: { sessionId?: string | null; status?: string; createdAt?: Date; name: string }) {
    return db.registration.create({
      data: {
        referenceCode: `R${kind[0]}${++n}`.toUpperCase().padEnd(6, 'X'), residentId, activityId: 'ret-course', sessionId: o.sessionId ?? null,
        participant: 'self', participantName: o.name, participantPhone: '+4512345678', status: o.status ?? 'confirmed', createdAt: o.createdAt ?? T0,
      },
    });
  }

  async function run(now: Date, policy: RetentionPolicy = PROMISED_RETENTION, owner = 'test') {
    return runRetention(prismaRetentionStore(db), policy, now, owner);
  }

  test('a moved clock: session over, membership after 12 months, cancelled at once, idle state and residents, closed transcripts', async () => {
    await db.activity.create({ data: { id: 'ret-course', category: 'course', audience: 'parents', place: 'x', contact: 'x' } });
    const soon = await db.session.create({ data: { id: 'ret-s1', activityId: 'ret-course', startsAt: at(10), endsAt: new Date(at(10).getTime() + 2 * 3_600_000), capacity: 5 } });
    const later = await db.session.create({ data: { id: 'ret-s2', activityId: 'ret-course', startsAt: at(60), capacity: 5 } });
    const anna = await resident();
    await registration(anna.id, { sessionId: soon.id, name: 'Anna Course' });
    await registration(anna.id, { sessionId: later.id, name: 'Anna Later' });
    const bo = await resident();
    await registration(bo.id, { name: 'Bo Member' }); // a membership: no session
    await registration(bo.id, { sessionId: later.id, status: 'cancelled', name: 'Bo Cancelled' });
    const idle = await resident(T0);
    const handoff = await db.handoff.create({
      data: { residentId: bo.id, reason: 'asked', status: 'closed', language: 'da', conversationRef: '{}', closedAt: at(1), messages: { create: [{ direction: 'resident', text: 'hej Bo her' }] } },
    });
    await db.botState.create({ data: { key: 'test/conversations/old/', data: '{"name":"Anna"}', etag: 'e' } });
    await db.botState.updateMany({ data: { updatedAt: T0 } });

    // Day 1: only the cancelled registration goes.
    expect(await run(at(1))).toEqual({ registrationsAnonymised: 1, statesDeleted: 0, residentsDeleted: 0, transcriptMessagesDeleted: 0 });
    expect(await db.registration.count({ where: { participantName: 'Bo Cancelled' } })).toBe(0);
    // The same day again: not due, whoever asks.
    expect(await run(new Date(at(1).getTime() + 3_600_000), PROMISED_RETENTION, 'other')).toBeNull();

    // Day 11: the first session ended yesterday.
    expect(await run(at(11))).toMatchObject({ registrationsAnonymised: 1 });
    expect((await db.registration.findMany({ where: { residentId: anna.id } })).map((r) => r.participantName)).toEqual(['Anna Later']);

    // Day 40: the closed handoff's messages (30 days after closing) go; the handoff stays, without them.
    expect(await run(at(40))).toMatchObject({ transcriptMessagesDeleted: 1, registrationsAnonymised: 0 });
    expect(await db.handoffMessage.count({ where: { handoffId: handoff.id } })).toBe(0);

    // Day 91: idle conversation state, and the resident who has nothing left; Anna and Bo still have registrations.
    const day91 = await run(at(91));
    expect(day91).toMatchObject({ registrationsAnonymised: 1, statesDeleted: 1 }); // Anna's later session is over too
    expect(await db.resident.findUnique({ where: { id: idle.id } })).toBeNull();
    expect(await db.resident.findUnique({ where: { id: bo.id } })).not.toBeNull();
    // Anna's last registration went on this run, but she was idle: she goes on this same run.
    expect(await db.resident.findUnique({ where: { id: anna.id } })).toBeNull();

    // 12 months after sign-up the membership goes, whatever else; with nothing left, Bo goes too.
    expect(await run(at(370))).toMatchObject({ registrationsAnonymised: 1, residentsDeleted: 1 });
    expect(await db.registration.count()).toBe(0);
    expect(await db.resident.findUnique({ where: { id: bo.id } })).toBeNull();

    // What is left: counts per activity, session, month and last status. No names anywhere.
    const counts = await db.registrationCount.findMany({ orderBy: [{ sessionId: 'asc' }, { status: 'asc' }] });
    expect(counts.map((c) => [c.sessionId, c.month, c.status, c.count])).toEqual([
      ['', '2027-03', 'confirmed', 1],
      ['ret-s1', '2027-03', 'confirmed', 1],
      ['ret-s2', '2027-03', 'cancelled', 1],
      ['ret-s2', '2027-03', 'confirmed', 1],
    ]);
  });

  test('configured periods: 7 days after the end, 6 months at most', async () => {
    const policy: RetentionPolicy = { afterEndDays: 7, maxMonths: 6, idleDays: 90, transcriptDays: 30 };
    await db.session.create({ data: { id: 'ret-s3', activityId: 'ret-course', startsAt: at(500), capacity: 5 } });
    const r = await resident(at(500));
    await registration(r.id, { sessionId: 'ret-s3', name: 'Cille Week', createdAt: at(495) });
    await registration(r.id, { name: 'Cille Member', createdAt: at(495) });
    expect(await run(at(505), policy)).toMatchObject({ registrationsAnonymised: 0 });
    expect(await run(at(508), policy)).toMatchObject({ registrationsAnonymised: 1 });
    expect(await run(at(495 + 185), policy)).toMatchObject({ registrationsAnonymised: 1 });
  });

  test('several instances: one claim wins; a run that died is taken over when its lease runs out', async () => {
    const now = at(1000);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((o) => run(now, PROMISED_RETENTION, o)));
    expect(results.filter((x) => x !== null)).toHaveLength(1);
    // An instance claims the next day's run and dies before finishing.
    const store = prismaRetentionStore(db);
    expect(await store.claim('dead', at(1001))).toBe(true);
    expect(await run(new Date(at(1001).getTime() + 10 * 60_000), PROMISED_RETENTION, 'alive')).toBeNull();
    expect(await run(new Date(at(1001).getTime() + 16 * 60_000), PROMISED_RETENTION, 'alive')).not.toBeNull();
  });
});
