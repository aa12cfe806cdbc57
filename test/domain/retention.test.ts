// The retention rules as plain functions (src/domain/retention.ts).
import { MAX_RETENTION_MONTHS, PROMISED_RETENTION, registrationExpired, reportMonth, retentionCutoffs, retentionDue, sessionEnd } from '../../src/domain/retention';

const now = new Date('2027-06-15T12:00:00Z');
const cut = retentionCutoffs(PROMISED_RETENTION, now);
const day = (d: number) => new Date(now.getTime() + d * 86_400_000);

test('a registration expires when its session is over, at 12 months at the latest, and at once when cancelled', () => {
  const session = (startsAt: Date, endsAt: Date | null = null) => ({ startsAt, endsAt });
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-10), session: session(day(-1)) }, cut)).toBe(true);
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-10), session: session(day(-1), day(1)) }, cut)).toBe(false);
  expect(registrationExpired({ status: 'waitlisted', createdAt: day(-10), session: session(day(3)) }, cut)).toBe(false);
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-364), session: null }, cut)).toBe(false);
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-366), session: null }, cut)).toBe(true);
  expect(registrationExpired({ status: 'cancelled', createdAt: day(-1), session: session(day(30)) }, cut)).toBe(true);
});

test('days after the end and fewer months are honoured; more than 12 months never', () => {
  const week = retentionCutoffs({ ...PROMISED_RETENTION, afterEndDays: 7 }, now);
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-10), session: { startsAt: day(-6), endsAt: null } }, week)).toBe(false);
  expect(registrationExpired({ status: 'confirmed', createdAt: day(-10), session: { startsAt: day(-8), endsAt: null } }, week)).toBe(true);
  const long = retentionCutoffs({ ...PROMISED_RETENTION, maxMonths: 24 }, now);
  expect(long.createdBefore).toEqual(retentionCutoffs({ ...PROMISED_RETENTION, maxMonths: MAX_RETENTION_MONTHS }, now).createdBefore);
  expect(cut.idleBefore).toEqual(day(-90));
  expect(cut.closedBefore).toEqual(day(-30));
});

test('a session ends at its end, or its start; reports count by month; the run is due once a day', () => {
  expect(sessionEnd({ startsAt: day(1), endsAt: day(2) })).toEqual(day(2));
  expect(sessionEnd({ startsAt: day(1), endsAt: null })).toEqual(day(1));
  expect(sessionEnd(null)).toBeNull();
  expect(reportMonth(now)).toBe('2027-06');
  expect(retentionDue(null, now)).toBe(true);
  expect(retentionDue(new Date(now.getTime() - 3_600_000), now)).toBe(false);
  expect(retentionDue(day(-1), now)).toBe(true);
});
