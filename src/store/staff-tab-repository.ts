// The staff tab's reads and changes (src/domain/staff-tab.ts). A change that moves seats or tells
// a resident is one transaction with its notices and its audit entry (the session row locked on
// PostgreSQL, as for a resident's sign-up).
import { SEAT_HOLDING, type RegistrationStatus } from '../domain/registrations';
import { noticeRow } from '../domain/notices';
import { decodeReason } from '../domain/handoffs';
import { judgeSessionEdit, movedNoticeKey, movedNoticeVars, TOLD_OF_MOVE } from '../domain/session-edit';
import {
  ageThisYear, guardianState, teamsThreadUrl,
  type StaffActivityView, type StaffChange, type StaffRosterRow, type StaffTabRepository, type SessionSaved,
} from '../domain/staff-tab';
import type { AuditEvent } from '../domain/audit';
import type { Prisma } from '../../generated/sqlite';
import { auditRow } from './audit-repository';
import { registrationSteps, withRetry, type RegistrationOptions } from './registration-repository';
import type { Db, DbProvider } from './prisma';

type Tx = Prisma.TransactionClient;

export function prismaStaffTabRepository(db: Db, provider: DbProvider, opts: RegistrationOptions & { tenantId?: string } = {}): StaffTabRepository {
  const steps = registrationSteps(db, provider, opts);
  const { now, txOptions } = steps;
  const note = (client: Tx | Db, registrationId: string, data: { attended?: boolean; attendanceAt?: Date; cancelReason?: string }) =>
    client.registrationStaffNote.upsert({ where: { registrationId }, create: { registrationId, ...data }, update: data, select: { registrationId: true } });
  const audited = (tx: Tx, e: AuditEvent) => tx.auditEntry.create({ data: auditRow(e), select: { id: true } });
  /** Runs `work` in one transaction, retried when the database says so (a busy SQLite, a PostgreSQL conflict). */
  const inTx = <T>(work: (tx: Tx) => Promise<T>) => withRetry(() => db.$transaction(work, txOptions));

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

    async markAttendance(reference, attended) {
      const r = await db.registration.findUnique({ where: { referenceCode: reference }, select: { id: true, status: true } });
      if (!r) return { ok: false, reason: 'not_found' };
      if (r.status === 'cancelled') return { ok: false, reason: 'cancelled' };
      await note(db, r.id, { attended, attendanceAt: now() });
      return { ok: true, value: null };
    },

    promote: (reference, actor) =>
      inTx(async (tx): Promise<StaffChange<{ status: RegistrationStatus }>> => {
        const sessionId = (await tx.registration.findUnique({ where: { referenceCode: reference }, select: { sessionId: true } }))?.sessionId;
        const capacity = await steps.lockSession(tx, sessionId ?? null);
        const r = await tx.registration.findUnique({
          where: { referenceCode: reference }, select: { id: true, status: true, sessionId: true, guardianRole: true, guardianRequest: { select: { answer: true } } },
        });
        if (!r) return { ok: false, reason: 'not_found' };
        if (r.status !== 'waitlisted' || !r.sessionId || capacity === null) return { ok: false, reason: 'not_waitlisted' };
        const taken = await tx.registration.count({ where: { sessionId: r.sessionId, status: { in: [...SEAT_HOLDING] } } });
        if (taken >= capacity) return { ok: false, reason: 'full' };
        const seated = await steps.seat(tx, r);
        await audited(tx, { actor, action: 'registration.promote', recordType: 'registration', recordId: reference });
        return { ok: true, value: { status: seated.status } };
      }),

    cancel: (reference, reason, actor) =>
      inTx(async (tx): Promise<StaffChange<{ promoted: string | null }>> => {
        const sessionId = (await tx.registration.findUnique({ where: { referenceCode: reference }, select: { sessionId: true } }))?.sessionId;
        await steps.lockSession(tx, sessionId ?? null);
        const r = await tx.registration.findUnique({
          where: { referenceCode: reference }, select: { id: true, residentId: true, activityId: true, status: true, sessionId: true, session: { select: { startsAt: true } } },
        });
        if (!r) return { ok: false, reason: 'not_found' };
        if (r.status === 'cancelled') return { ok: false, reason: 'cancelled' };
        // The same cancellation a resident makes: the seat goes to the first on the waitlist, who is told.
        const promoted = await steps.release(tx, r.id, r);
        await note(tx, r.id, { cancelReason: reason });
        // Told at once, in their language, why (a reason code, so every language has its sentence).
        const vars = { code: reference, activityId: r.activityId, ...(r.session ? { startsAt: r.session.startsAt.toISOString() } : {}) };
        await tx.residentNotice.create({ data: noticeRow(r.residentId, `registrations:staffCancelled.${reason}`, vars), select: { id: true } });
        await audited(tx, { actor, action: `registration.cancel.${reason}`, recordType: 'registration', recordId: reference });
        if (promoted) await audited(tx, { actor, action: 'registration.promote.waitlist', recordType: 'registration', recordId: promoted.referenceCode });
        return { ok: true, value: { promoted: promoted?.referenceCode ?? null } };
      }),

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

    saveSession: (activityId, sessionId, input, actor) =>
      inTx(async (tx): Promise<StaffChange<SessionSaved>> => {
        if (!(await tx.activity.findUnique({ where: { id: activityId }, select: { id: true } }))) return { ok: false, reason: 'not_found' };
        if (!sessionId) {
          const id = `${activityId}-${input.startsAt.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
          if (await tx.session.findUnique({ where: { id }, select: { id: true } })) return { ok: false, reason: 'invalid' };
          await tx.session.create({ data: { id, activityId, ...input }, select: { id: true } });
          await audited(tx, { actor, action: 'catalogue.session.create', recordType: 'session', recordId: id });
          return { ok: true, value: { id, promoted: [], told: 0 } };
        }
        if (!(await tx.session.findFirst({ where: { id: sessionId, activityId }, select: { id: true } }))) return { ok: false, reason: 'not_found' };
        await steps.lockSession(tx, sessionId);
        const before = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: { startsAt: true, endsAt: true, capacity: true } });
        const people = await tx.registration.findMany({
          where: { sessionId, status: { in: [...TOLD_OF_MOVE] } }, select: { id: true, referenceCode: true, residentId: true, status: true },
        });
        const taken = people.filter((p) => (SEAT_HOLDING as string[]).includes(p.status)).length;
        const verdict = judgeSessionEdit(before, input, taken, people.length - taken);
        if (!verdict.ok) return { ok: false, reason: verdict.reason, taken: verdict.taken };
        await tx.session.update({ where: { id: sessionId }, data: input, select: { id: true } });
        await audited(tx, { actor, action: 'catalogue.session.update', recordType: 'session', recordId: sessionId });
        // More seats: the waitlist moves up in order; each is told (with the new time, if it moved).
        const promoted: string[] = [];
        for (let i = 0; i < verdict.promote; i++) {
          const p = await steps.promoteNext(tx, sessionId);
          if (!p) break;
          promoted.push(p.referenceCode);
          await audited(tx, { actor, action: 'registration.promote.waitlist', recordType: 'registration', recordId: p.referenceCode });
        }
        // A new time: everyone else holding or waiting for a seat is told, in their language.
        const told = verdict.moved ? people.filter((p) => !promoted.includes(p.referenceCode)) : [];
        for (const p of told) {
          const vars = movedNoticeVars(p.referenceCode, activityId, input.startsAt, before.startsAt);
          await tx.residentNotice.create({ data: noticeRow(p.residentId, movedNoticeKey(p.status as RegistrationStatus), vars), select: { id: true } });
        }
        return { ok: true, value: { id: sessionId, promoted, told: told.length } };
      }),
  };
}
