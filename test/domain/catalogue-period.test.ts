// The catalogue's period, closed days and courses booked whole (issue 13): the domain rules, and the
// seed on a real SQLite database (no session after the end, none on a day staff closed, runs of a
// course back to back).
import { endsFirst, hasEnded, seriesRuns, seatsLeft, type Activity, type SessionView } from '../../src/domain/catalogue';
import { copenhagenDay, daysFromTo, isDayText } from '../../src/domain/closed-days';
import { programmeEndsOn, readCatalogue, seedCatalogue, type CatalogueSeed } from '../../src/store/seed';
import { prismaCatalogueRepository } from '../../src/store/catalogue-repository';
import { createDb } from '../../src/store/prisma';
import { freshSqliteUrl } from '../support/db';

const activity = (over: Partial<Activity>): Activity => ({
  id: 'a', category: 'course', audience: 'parents', minAge: null, maxAge: null, guardianRequiredUnder: null, place: 'x', contact: 'y',
  sortOrder: 0, signupMode: 'session', texts: {}, sessions: [], ...over,
});
const meeting = (id: string, iso: string, seriesId: string, start: string, seatsTaken = 0): SessionView => ({
  id, startsAt: new Date(iso), endsAt: null, capacity: 2, place: null, seatsTaken, seriesId, seriesStartsAt: new Date(start),
});

test('days: calendar days only, ranges included at both ends, Copenhagen midnight', () => {
  expect(isDayText('2026-12-09')).toBe(true);
  expect(isDayText('2026-02-30')).toBe(false);
  expect(isDayText('9/12/2026')).toBe(false);
  expect(daysFromTo('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  expect(daysFromTo('2026-12-02', '2026-12-01')).toEqual([]);
  // 23:30 UTC on 8 December is already 9 December in Copenhagen.
  expect(copenhagenDay(new Date('2026-12-08T23:30:00Z'))).toBe('2026-12-09');
});

test('an offer ends on the earlier of its own end and the programme\'s', () => {
  expect(endsFirst('2027-06-30', '2027-03-31')).toBe('2027-03-31');
  expect(endsFirst(null, '2027-03-31')).toBe('2027-03-31');
  expect(endsFirst('2027-06-30', null)).toBe('2027-06-30');
  expect(endsFirst(null, null)).toBeNull();
  expect(hasEnded(activity({ endsOn: '2026-11-30' }), '2026-12-01')).toBe(true);
  expect(hasEnded(activity({ endsOn: '2026-12-01' }), '2026-12-01')).toBe(false);
  expect(hasEnded(activity({ endsOn: null }), '2030-01-01')).toBe(false);
});

test('a course\'s runs: grouped by run, only those not started, seats per run', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const a = activity({
    seriesMeetings: 2,
    sessions: [
      meeting('a-12-03', '2026-12-10T16:00:00Z', 'a-12-03', '2026-12-03T16:00:00Z'), // its run began on 3 December
      meeting('a-12-17', '2026-12-17T16:00:00Z', 'a-12-17', '2026-12-17T16:00:00Z', 2),
      meeting('a-01-07', '2027-01-07T16:00:00Z', 'a-12-17', '2026-12-17T16:00:00Z', 2),
      meeting('a-01-14', '2027-01-14T16:00:00Z', 'a-01-14', '2027-01-14T16:00:00Z', 1),
      meeting('a-01-21', '2027-01-21T16:00:00Z', 'a-01-14', '2027-01-14T16:00:00Z', 1),
    ],
  });
  const runs = seriesRuns(a, now);
  expect(runs.map((r) => [r.id, r.meetings.map((m) => m.id)])).toEqual([
    ['a-12-17', ['a-12-17', 'a-01-07']],
    ['a-01-14', ['a-01-14', 'a-01-21']],
  ]);
  expect(runs.map(seatsLeft)).toEqual([0, 1]);
  expect(seriesRuns(activity({ sessions: a.sessions }), now)).toEqual([]);
});

describe('the seed on a real database', () => {
  const withDb = async (work: (db: ReturnType<typeof createDb>['db']) => Promise<void>) => {
    const { db } = createDb(freshSqliteUrl());
    try {
      await work(db);
    } finally {
      await db.$disconnect();
    }
  };
  const now = new Date('2026-11-30T08:00:00Z');

  test('the programme\'s end comes from the file, the deployment may override it', () => {
    const seed = readCatalogue();
    expect(seed.programme?.planPeriod).toEqual({ from: '2020-08-01', until: '2024-07-31' });
    expect(programmeEndsOn(seed)).toBe(seed.programme?.endsOn ?? null);
    expect(programmeEndsOn({ ...seed, programme: { ...seed.programme!, endsOn: '2027-01-31' } })).toBe('2027-01-31');
    expect(programmeEndsOn({ ...seed, programme: { ...seed.programme!, endsOn: '2027-01-31' } }, null)).toBeNull();
    expect(programmeEndsOn(seed, '2027-02-28')).toBe('2027-02-28');
  });

  test('no session after the programme\'s end or an activity\'s own end; none on a day staff closed', () =>
    withDb(async (db) => {
      await db.closedDay.create({ data: { day: '2026-12-09', reason: 'Personaledag', setBy: 'token' } });
      const seed: CatalogueSeed = readCatalogue();
      const own = { ...seed, activities: seed.activities.map((a) => (a.id === 'youth-platform' ? { ...a, endsOn: '2026-12-10' } : a)) };
      await seedCatalogue(db, own, now, { programmeEndsOn: '2026-12-31' });
      const sessions = await db.session.findMany({ select: { activityId: true, startsAt: true } });
      const days = sessions.map((s) => copenhagenDay(s.startsAt));
      expect(sessions.length).toBeGreaterThan(0);
      expect(days.filter((d) => d > '2026-12-31')).toEqual([]);
      expect(days).not.toContain('2026-12-09');
      expect(sessions.filter((s) => s.activityId === 'youth-platform').map((s) => copenhagenDay(s.startsAt))).toEqual(['2026-12-03', '2026-12-10']);
      // The catalogue says when each offer ends: its own end, else the programme's.
      const loaded = await prismaCatalogueRepository(db, { programmeEndsOn: '2026-12-31' }).loadActivities(now);
      expect(loaded.find((a) => a.id === 'youth-platform')!.endsOn).toBe('2026-12-10');
      expect(loaded.find((a) => a.id === 'parent-network')!.endsOn).toBe('2026-12-31');
    }));

  test('a course: runs of N meetings back to back, two ahead, the same after a restart', () =>
    withDb(async (db) => {
      const seed = readCatalogue();
      const course = { ...seed, activities: seed.activities.map((a) => (a.id === 'parent-course-ready-for-school' ? { ...a, series: true } : a)) };
      await seedCatalogue(db, course, now);
      await seedCatalogue(db, course, now);
      const rows = await db.session.findMany({ where: { activityId: 'parent-course-ready-for-school' }, orderBy: { startsAt: 'asc' }, select: { id: true, seriesId: true, startsAt: true } });
      const runs = [...new Set(rows.map((r) => r.seriesId))];
      expect(runs).toHaveLength(2);
      expect(rows.filter((r) => r.seriesId === runs[0]).map((r) => copenhagenDay(r.startsAt))).toEqual(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2027-01-05', '2027-01-12']);
      expect(rows.filter((r) => r.seriesId === runs[1])[0].startsAt > rows.filter((r) => r.seriesId === runs[0]).at(-1)!.startsAt).toBe(true);
      expect((await db.activity.findUniqueOrThrow({ where: { id: 'parent-course-ready-for-school' } })).seriesMeetings).toBe(6);
      // 29 December is in the Christmas closure: the fifth meeting is 5 January. Once the first run has begun, the seed adds a third so two are still ahead.
      await seedCatalogue(db, course, new Date('2026-12-02T08:00:00Z'));
      expect(new Set((await db.session.findMany({ where: { activityId: 'parent-course-ready-for-school' }, select: { seriesId: true } })).map((r) => r.seriesId)).size).toBe(3);
    }));
});
