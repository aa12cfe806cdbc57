// The staff tab's reads and changes (src/domain/staff-tab.ts), one transaction per change.
import { SEAT_HOLDING, type RegistrationStatus } from '../domain/registrations';
import { seatedStatus, stillAwaitsGuardianYes, type GuardianRole } from '../domain/guardian';
import { noticeRow, promotedNoticeKey } from '../domain/notices';
import { decodeReason } from '../domain/handoffs';
import {
  ageThisYear, guardianState, teamsThreadUrl,
  type CancelReason, type StaffActivityView, type StaffChange, type StaffRosterRow, type StaffTabRepository,
} from '../domain/staff-tab';
import type { Db, DbProvider } from './prisma';

export function prismaStaffTabRepository(db: Db, provider: DbProvider, opts: { tenantId?: string; now?: () => Date } = {}): StaffTabRepository {
  const now = opts.now ?? (() => new Date());
  const txOptions = { timeout: 20_000, maxWait: 20_000 };
  const note = (registrationId: string, data: { attended?: boolean; attendanceAt?: Date; cancelReason?: string }) =>
    db.registrationStaffNote.upsert({ where: { registrationId }, create: { registrationId, ...data }, update: data, select: { registrationId: true } });

  return {
    async activities(from) {
      const rows = await db.activity.findMany({
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select: {
          id: true, category: true, active: true,
          texts: { select: { lang: true, title: true, description: true, schedule: true, bring: true } },
          sessions: { where: { startsAt: { gte: from } }, orderBy: { startsAt: 'asc' }, select: { id: true, startsAt: true, endsAt: true, capacity: true, place: true } },
        },
      });
      const counts = await db.registration.groupBy({
        by: ['sessionId', 'status'],
        where: { sessionId: { in: rows.flatMap((r) => r.sessions.map((s) => s.id)) }, status: { in: [...SEAT_HOLDING, 'waitlisted'] } },
        _count: { _all: true },
      });
      const count = (sessionId: string, statuses: string[]) =>
        counts.filter((c) => c.sessionId === sessionId && statuses.includes(c.status)).reduce((n, c) => n + c._count._all, 0);
      return rows.map((a): StaffActivityView => ({
        id: a.id, category: a.category, active: a.active,
        texts: Object.fromEntries(a.texts.map(({ lang, ...t }) => [lang, t])),
        sessions: a.sessions.map((s) => {
          const seatsTaken = count(s.id, [...SEAT_HOLDING]);
          return { ...s, seatsTaken, seatsLeft: Math.max(0, s.capacity - seatsTaken), waitlisted: count(s.id, ['waitlisted']) };
        }),
      }));
    },

    async roster(sessionId) {
      if (!(await db.session.findUnique({ where: { id: sessionId }, select: { id: true } }))) return null;
      const rows = await db.registration.findMany({
        where: { sessionId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true, referenceCode: true, status: true, waitlistedAt: true, participant: true, participantName: true, participantBirthYear: true,
          participantPhone: true, guardianName: true, guardianPhone: true, guardianRole: true,
          guardianRequest: { select: { answer: true } }, resident: { select: { language: true } },
        },
      });
      const notes = new Map(
        (await db.registrationStaffNote.findMany({ where: { registrationId: { in: rows.map((r) => r.id) } } })).map((n) => [n.registrationId, n]),
      );
      const waitlist = rows
        .filter((r) => r.status === 'waitlisted')
        .sort((a, b) => (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
      return rows.map((r): StaffRosterRow => {
        const status = r.status as RegistrationStatus;
        return {
          reference: r.referenceCode, status, waitlistPosition: status === 'waitlisted' ? waitlist.indexOf(r) + 1 : null,
          participant: r.participant, name: r.participantName, birthYear: r.participantBirthYear, age: ageThisYear(r.participantBirthYear, now()),
          phone: r.participantPhone, guardianName: r.guardianName, guardianPhone: r.guardianPhone,
          guardian: guardianState(status, r.guardianRole, r.guardianRequest?.answer ?? null),
          language: r.resident.language, attended: notes.get(r.id)?.attended ?? null, cancelReason: notes.get(r.id)?.cancelReason ?? null,
        };
      });
    },

    async sessionOf(reference) {
      const r = await db.registration.findUnique({
        where: { referenceCode: reference }, select: { id: true, residentId: true, activityId: true, sessionId: true, status: true, session: { select: { startsAt: true } } },
      });
      return r ? { id: r.id, residentId: r.residentId, activityId: r.activityId, sessionId: r.sessionId, startsAt: r.session?.startsAt ?? null, status: r.status as RegistrationStatus } : null;
    },

    async markAttendance(reference, attended) {
      const r = await db.registration.findUnique({ where: { referenceCode: reference }, select: { id: true, status: true } });
      if (!r) return { ok: false, reason: 'not_found' };
      if (r.status === 'cancelled') return { ok: false, reason: 'cancelled' };
      await note(r.id, { attended, attendanceAt: now() });
      return { ok: true, value: null };
    },

    promote: (reference) =>
      db.$transaction(async (tx): Promise<StaffChange<{ status: RegistrationStatus }>> => {
        const r = await tx.registration.findUnique({
          where: { referenceCode: reference },
          select: { id: true, residentId: true, activityId: true, status: true, sessionId: true, guardianRole: true, guardianRequest: { select: { answer: true } }, session: { select: { startsAt: true } } },
        });
        if (!r) return { ok: false, reason: 'not_found' };
        if (r.status !== 'waitlisted' || !r.sessionId) return { ok: false, reason: 'not_waitlisted' };
        if (provider === 'postgres') await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${r.sessionId} FOR UPDATE`;
        const { capacity } = await tx.session.findUniqueOrThrow({ where: { id: r.sessionId }, select: { capacity: true } });
        const taken = await tx.registration.count({ where: { sessionId: r.sessionId, status: { in: [...SEAT_HOLDING] } } });
        if (taken >= capacity) return { ok: false, reason: 'full' };
        const waiting = stillAwaitsGuardianYes(r.guardianRole as GuardianRole, r.guardianRequest?.answer);
        const status = seatedStatus(waiting);
        await tx.registration.update({ where: { id: r.id }, data: { status, promotedAt: now(), promotionNotified: false }, select: { id: true } });
        // Told at once through the outbox, committed with the promotion (as when a seat frees up).
        const vars = { code: reference, activityId: r.activityId, ...(r.session ? { startsAt: r.session.startsAt.toISOString() } : {}) };
        await tx.residentNotice.create({ data: noticeRow(r.residentId, promotedNoticeKey(waiting), vars, r.id), select: { id: true } });
        return { ok: true, value: { status } };
      }, txOptions),

    async cancelReason(reference: string, reason: CancelReason) {
      // The cancellation itself (and the waitlist's move up) is RegistrationRepository.cancel; this keeps why.
      const r = await db.registration.findUnique({ where: { referenceCode: reference }, select: { id: true } });
      if (!r) return { ok: false, reason: 'not_found' };
      await note(r.id, { cancelReason: reason });
      return { ok: true, value: null };
    },

    async handoffs(since) {
      const rows = await db.handoff.findMany({
        where: { OR: [{ status: { in: ['queued', 'taken'] } }, { createdAt: { gte: since } }] },
        orderBy: [{ createdAt: 'desc' }],
        take: 200,
        select: { id: true, status: true, reason: true, urgent: true, language: true, createdAt: true, takenAt: true, closedAt: true, staffConversationId: true },
      });
      return rows.map(({ reason, staffConversationId, ...h }) => ({
        ...h, trigger: decodeReason(reason).trigger, threadUrl: teamsThreadUrl(staffConversationId, opts.tenantId),
      }));
    },

    async saveText(activityId, lang, text) {
      if (!(await db.activity.findUnique({ where: { id: activityId }, select: { id: true } }))) return { ok: false, reason: 'not_found' };
      await db.activityText.upsert({
        where: { activityId_lang: { activityId, lang } }, create: { activityId, lang, ...text }, update: text, select: { activityId: true },
      });
      return { ok: true, value: null };
    },

    async saveSession(activityId, sessionId, input) {
      if (!(await db.activity.findUnique({ where: { id: activityId }, select: { id: true } }))) return { ok: false, reason: 'not_found' };
      if (sessionId) {
        const found = await db.session.findFirst({ where: { id: sessionId, activityId }, select: { id: true } });
        if (!found) return { ok: false, reason: 'not_found' };
        await db.session.update({ where: { id: sessionId }, data: input, select: { id: true } });
        return { ok: true, value: { id: sessionId } };
      }
      const id = `${activityId}-${input.startsAt.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
      if (await db.session.findUnique({ where: { id }, select: { id: true } })) return { ok: false, reason: 'invalid' };
      await db.session.create({ data: { id, activityId, ...input }, select: { id: true } });
      return { ok: true, value: { id } };
    },
  };
}
