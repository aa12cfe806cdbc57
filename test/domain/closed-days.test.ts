// Closed days (issue 13): no session on a Danish public holiday or in the Christmas closure.
import { closedDayReason, easterSunday } from '../../src/domain/catalogue';
import { seedCatalogue, weeklyDays } from '../../src/store/seed';
import { createDb } from '../../src/store/prisma';
import { freshSqliteUrl } from '../support/db';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

test('Easter Sunday by the computus', () => {
  expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
  expect(easterSunday(2027).toISOString().slice(0, 10)).toBe('2027-03-28');
  expect(easterSunday(2030).toISOString().slice(0, 10)).toBe('2030-04-21');
});

test.each([
  ['2026-04-02', 'holiday'], // skærtorsdag
  ['2026-04-03', 'holiday'], // langfredag
  ['2026-04-06', 'holiday'], // 2. påskedag
  ['2026-05-14', 'holiday'], // Kristi himmelfartsdag
  ['2026-05-25', 'holiday'], // 2. pinsedag
  ['2026-06-05', 'holiday'], // grundlovsdag
  ['2026-12-24', 'christmas'],
  ['2026-12-31', 'christmas'],
  ['2027-01-01', 'christmas'],
  ['2026-12-23', null],
  ['2027-01-02', null],
  ['2026-04-07', null],
])('%s is %s', (iso, reason) => {
  expect(closedDayReason(day(iso))).toBe(reason);
});

test('six Thursday meetings from late November pass over Christmas Eve and New Year\'s Eve', () => {
  const days = weeklyDays(day('2026-11-30'), 4, 6).map((d) => d.toISOString().slice(0, 10));
  expect(days).toEqual(['2026-12-03', '2026-12-10', '2026-12-17', '2027-01-07', '2027-01-14', '2027-01-21']);
});

test('the seed generates no session on a closed day (real SQLite database)', async () => {
  const { db } = createDb(freshSqliteUrl());
  try {
    await seedCatalogue(db, undefined, new Date('2026-11-30T08:00:00Z'));
    const sessions = await db.session.findMany({ select: { startsAt: true } });
    expect(sessions.length).toBeGreaterThan(0);
    const copenhagenDay = (d: Date) => new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(d)}T00:00:00Z`);
    expect(sessions.filter((s) => closedDayReason(copenhagenDay(s.startsAt)))).toEqual([]);
  } finally {
    await db.$disconnect();
  }
});
