// The closed days staff set (ClosedDay). Closing a day cancels what was booked on it and writes
// each resident's notice in the same transaction, so nobody is cancelled without being told.
import { copenhagenDay, dayDate, type ClosedDayRepository, type DayText } from '../domain/closed-days';
import { noticeRow } from '../domain/notices';
import { CANCELLED_BLANK } from './registration-repository';
import type { Db } from './prisma';

const DAY_MS = 86_400_000;

/** The staff-set closed days from a day on, for filtering sessions. */
export async function closedDaysFrom(db: Db, from: DayText): Promise<Set<DayText>> {
  return new Set((await db.closedDay.findMany({ where: { day: { gte: from } }, select: { day: true } })).map((d) => d.day));
}

export function prismaClosedDayRepository(db: Db, now: () => Date = () => new Date()): ClosedDayRepository {
  return {
    async list(from) {
      return db.closedDay.findMany({ where: { day: { gte: from } }, orderBy: { day: 'asc' }, select: { day: true, reason: true, setBy: true, createdAt: true } });
    },

    async close(days, reason, setBy) {
      const wanted = new Set(days);
      const sorted = [...wanted].sort();
      return db.$transaction(async (tx) => {
        for (const day of sorted) {
          await tx.closedDay.upsert({ where: { day }, create: { day, reason, setBy }, update: { reason, setBy }, select: { day: true } });
        }
        // Sessions whose Copenhagen day is closed: a UTC window a day wider on each side, then exact.
        const sessions = (
          await tx.session.findMany({
            where: { startsAt: { gte: new Date(dayDate(sorted[0]).getTime() - DAY_MS), lt: new Date(dayDate(sorted[sorted.length - 1]).getTime() + 2 * DAY_MS) } },
            select: { id: true, startsAt: true, seriesId: true },
          })
        ).filter((s) => wanted.has(copenhagenDay(s.startsAt)));
        const select = { id: true, referenceCode: true, residentId: true, activityId: true } as const;
        const open = { status: { not: 'cancelled' } };
        // A single day: its registrations are cancelled, each resident told.
        const singles = sessions.filter((s) => !s.seriesId);
        const booked = await tx.registration.findMany({ where: { sessionId: { in: singles.map((s) => s.id) }, ...open }, select: { ...select, sessionId: true } });
        if (booked.length) {
          await tx.registration.updateMany({ where: { id: { in: booked.map((r) => r.id) } }, data: { status: 'cancelled', cancelledAt: now(), ...CANCELLED_BLANK } });
        }
        const startsAt = new Map(sessions.map((s) => [s.id, s.startsAt.toISOString()]));
        const notices = booked.map((r) => noticeRow(r.residentId, 'notices:closedDay', { code: r.referenceCode, activityId: r.activityId, startsAt: startsAt.get(r.sessionId!)! }));
        // A meeting of a course: the course goes on, its people are told that meeting is off.
        for (const meeting of sessions.filter((s) => s.seriesId)) {
          const course = await tx.registration.findMany({ where: { sessionId: meeting.seriesId, ...open }, select });
          notices.push(...course.map((r) => noticeRow(r.residentId, 'notices:closedMeeting', { code: r.referenceCode, activityId: r.activityId, startsAt: meeting.startsAt.toISOString() })));
        }
        if (notices.length) await tx.residentNotice.createMany({ data: notices });
        const rows = await tx.closedDay.findMany({ where: { day: { in: sorted } }, orderBy: { day: 'asc' }, select: { day: true, reason: true, setBy: true, createdAt: true } });
        return { days: rows, cancelled: booked.length };
      }, { timeout: 20_000, maxWait: 20_000 });
    },

    async reopen(day) {
      const { count } = await db.closedDay.deleteMany({ where: { day } });
      return count > 0;
    },
  };
}
