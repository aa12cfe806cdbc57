// Registrations in one transaction each. On PostgreSQL the session row is locked (FOR UPDATE)
// so concurrent instances never hand out more seats than there are; SQLite has one writer.
import type { Participant } from '../domain/eligibility';
import { answerDeadline, awaitsGuardianYes, hashSecret, stillAwaitsGuardianYes, newGuardianInvite, normaliseGuardianCode, seatedStatus, type GuardianInvite, type GuardianRole } from '../domain/guardian';
import {
  SEAT_HOLDING,
  newReferenceCode,
  sameParticipant,
  statusFor,
  type CancelOutcome,
  type RegisterOutcome,
  type RegistrationRepository,
  type RegistrationRequest,
  type RegistrationStatus,
  type RegistrationView,
  type StaffRegistrationRow,
} from '../domain/registrations';
import { noticeRow, promotedNoticeKey } from '../domain/notices';
import type { Prisma } from '../../generated/sqlite';
import type { Db, DbProvider } from './prisma';

type Tx = Prisma.TransactionClient;

/** What a cancelled registration no longer keeps about anyone. */
export const CANCELLED_BLANK = {
  participantName: null, participantBirthYear: null, participantPhone: null, guardianName: null, guardianPhone: null,
} as const;

export const viewSelect = {
  id: true, referenceCode: true, activityId: true, sessionId: true, participant: true, participantName: true,
  status: true, waitlistedAt: true, createdAt: true, session: { select: { startsAt: true } },
} as const;

type ViewRow = {
  id: string; referenceCode: string; activityId: string; sessionId: string | null; participant: string; participantName: string | null;
  status: string; waitlistedAt: Date | null; createdAt: Date; session: { startsAt: Date } | null;
};

function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'P2034' || e.code === 'P2002' || /40001|40P01|SQLITE_BUSY|database is locked/.test(e.message ?? '');
}

export async function withRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.random() * 20));
    }
  }
}

export interface RegistrationOptions {
  now?: () => Date;
  /** GUARDIAN_ANSWER_HOURS: a guardian's time to answer once the sign-up holds a seat. */
  guardianAnswerHours?: number;
  /** Called after a transaction wrote notices to the outbox (a promotion): the notifier sends them at once. */
  noticesWritten?: () => void;
}

/** The transaction steps registrations and guardian answers share (src/store/guardian-repository.ts). */
export function registrationSteps(db: Db, provider: DbProvider, opts: RegistrationOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const answerHours = opts.guardianAnswerHours ?? 72;
  // The SQLite client's types know only Serializable; PostgreSQL runs ReadCommitted with the row lock.
  const txOptions = (provider === 'postgres' ? { isolationLevel: 'ReadCommitted', timeout: 20_000, maxWait: 20_000 } : { timeout: 20_000, maxWait: 20_000 }) as { timeout: number; maxWait: number };

  /** Locks the session row (PostgreSQL) and returns its capacity as it is now, not as a cache saw it. */
  async function lockSession(tx: Tx, sessionId: string | null): Promise<number | null> {
    if (!sessionId) return null;
    if (provider === 'postgres') await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId} FOR UPDATE`;
    return (await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: { capacity: true } })).capacity;
  }

  async function position(tx: Tx | Db, r: ViewRow): Promise<number | null> {
    if (r.status !== 'waitlisted' || !r.sessionId || !r.waitlistedAt) return null;
    const ahead = await tx.registration.count({
      where: {
        sessionId: r.sessionId, status: 'waitlisted',
        OR: [{ waitlistedAt: { lt: r.waitlistedAt } }, { waitlistedAt: r.waitlistedAt, id: { lt: r.id } }],
      },
    });
    return ahead + 1;
  }

  async function view(tx: Tx | Db, r: ViewRow): Promise<RegistrationView> {
    return {
      id: r.id, referenceCode: r.referenceCode, activityId: r.activityId, sessionId: r.sessionId,
      sessionStartsAt: r.session?.startsAt ?? null, participant: r.participant as Participant, participantName: r.participantName,
      status: r.status as RegistrationStatus, waitlistPosition: await position(tx, r), createdAt: r.createdAt,
    };
  }

  /** A new link token and code for a registration's guardian (replacing any earlier ones); only hashes are stored. */
  async function issueInvite(tx: Tx, registrationId: string): Promise<GuardianInvite> {
    const invite = newGuardianInvite(now(), answerHours);
    const hashes = { tokenHash: hashSecret(invite.token), codeHash: hashSecret(normaliseGuardianCode(invite.code)), expiresAt: invite.expiresAt };
    await tx.guardianRequest.upsert({ where: { registrationId }, create: { registrationId, ...hashes }, update: hashes, select: { id: true } });
    return invite;
  }

  /**
   * A waitlisted registration takes a seat: confirmed, or waiting for the guardian's yes (with a
   * fresh time to answer) when one must agree and has not yet. Its notice is written in the same
   * transaction. The session is locked by the caller.
   */
  async function seat(tx: Tx, next: { id: string; guardianRole: string; guardianRequest: { answer: string | null } | null }): Promise<RegistrationView> {
    const waiting = stillAwaitsGuardianYes(next.guardianRole as GuardianRole, next.guardianRequest?.answer);
    if (waiting && next.guardianRequest) {
      await tx.guardianRequest.update({ where: { registrationId: next.id }, data: { expiresAt: answerDeadline(now(), answerHours) }, select: { id: true } });
    }
    const promoted = await tx.registration.update({
      where: { id: next.id },
      data: { status: seatedStatus(waiting), promotedAt: now(), promotionNotified: false },
      select: { ...viewSelect, residentId: true },
    });
    // Told at once through the outbox, committed with the promotion (src/domain/notices.ts).
    const vars = { code: promoted.referenceCode, activityId: promoted.activityId, ...(promoted.session ? { startsAt: promoted.session.startsAt.toISOString() } : {}) };
    await tx.residentNotice.create({ data: noticeRow(promoted.residentId, promotedNoticeKey(waiting), vars, promoted.id), select: { id: true } });
    return view(tx, promoted);
  }

  /** The first on the session's waitlist (first come, first served) takes a free seat. */
  async function promoteNext(tx: Tx, sessionId: string): Promise<RegistrationView | null> {
    const next = await tx.registration.findFirst({
      where: { sessionId, status: 'waitlisted' },
      orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, guardianRole: true, guardianRequest: { select: { answer: true } } },
    });
    return next ? seat(tx, next) : null;
  }

  async function uniqueCode(tx: Tx): Promise<string> {
    for (;;) {
      const code = newReferenceCode();
      if (!(await tx.registration.findUnique({ where: { referenceCode: code }, select: { id: true } }))) return code;
    }
  }

  /**
   * Cancels a registration; a seat it held goes to the first on the waitlist (returned). The session is locked by the caller.
   * The personal data goes at once (issue 14): the row stays, without names, phones or birth year, for the seat and
   * waitlist accounting, its reference code and the counts the retention job keeps (src/store/retention-repository.ts).
   */
  async function release(tx: Tx, registrationId: string, current: { status: string; sessionId: string | null }): Promise<RegistrationView | null> {
    await tx.registration.update({ where: { id: registrationId }, data: { status: 'cancelled', cancelledAt: now(), ...CANCELLED_BLANK }, select: { id: true } });
    if (!current.sessionId || !(SEAT_HOLDING as string[]).includes(current.status)) return null;
    return promoteNext(tx, current.sessionId);
  }

  return { now, answerHours, txOptions, lockSession, view, seat, promoteNext, release, issueInvite, uniqueCode };
}

export function prismaRegistrationRepository(db: Db, provider: DbProvider, opts: RegistrationOptions = {}): RegistrationRepository {
  const { now, txOptions, lockSession, view, release, issueInvite, uniqueCode } = registrationSteps(db, provider, opts);
  const noticesWritten = opts.noticesWritten ?? (() => undefined);
  return {
    register: (req: RegistrationRequest) =>
      withRetry(() =>
        db.$transaction(async (tx): Promise<RegisterOutcome> => {
          const capacity = await lockSession(tx, req.sessionId);
          const replay = await tx.registration.findUnique({ where: { requestKey: req.requestKey }, select: viewSelect });
          if (replay) {
            // The first reply may be lost with the code in it: a retried delivery gets a fresh one.
            const open = await tx.guardianRequest.findFirst({ where: { registrationId: replay.id, answeredAt: null }, select: { id: true } });
            return { ok: true, registration: await view(tx, replay), guardianInvite: open ? await issueInvite(tx, replay.id) : undefined };
          }
          const existing = await tx.registration.findMany({
            where: { residentId: req.residentId, activityId: req.activityId, sessionId: req.sessionId, status: { not: 'cancelled' } },
            select: viewSelect,
          });
          const same = existing.find((r) => sameParticipant(r.participantName, req.participantName));
          if (same) return { ok: false, reason: 'already_registered', registration: await view(tx, same) };
          const taken = capacity !== null
            ? await tx.registration.count({ where: { sessionId: req.sessionId, status: { in: [...SEAT_HOLDING] } } })
            : 0;
          const status = statusFor(req.guardianRole, capacity, taken);
          const created = await tx.registration.create({
            data: {
              referenceCode: await uniqueCode(tx), residentId: req.residentId, activityId: req.activityId, sessionId: req.sessionId,
              participant: req.participant, participantName: req.participantName, participantBirthYear: req.participantBirthYear,
              participantPhone: req.participantPhone, guardianName: req.guardianName, guardianPhone: req.guardianPhone,
              status, waitlistedAt: status === 'waitlisted' ? now() : null, requestKey: req.requestKey, guardianRole: req.guardianRole,
            },
            select: viewSelect,
          });
          const guardianInvite = awaitsGuardianYes(req.guardianRole) ? await issueInvite(tx, created.id) : undefined;
          return { ok: true, registration: await view(tx, created), guardianInvite };
        }, txOptions),
      ),

    async listForResident(residentId) {
      const rows = await db.registration.findMany({
        where: { residentId, status: { not: 'cancelled' } }, orderBy: { createdAt: 'asc' }, select: viewSelect,
      });
      return Promise.all(rows.map((r) => view(db, r)));
    },

    cancel: (residentId, registrationId) =>
      withRetry(async () => {
        const target = await db.registration.findFirst({ where: { id: registrationId, residentId, status: { not: 'cancelled' } }, select: { sessionId: true } });
        if (!target) return { ok: false, reason: 'not_found' } as CancelOutcome;
        return db.$transaction(async (tx): Promise<CancelOutcome> => {
          await lockSession(tx, target.sessionId);
          const current = await tx.registration.findFirst({ where: { id: registrationId, residentId, status: { not: 'cancelled' } }, select: { status: true, sessionId: true } });
          if (!current) return { ok: false, reason: 'not_found' };
          return { ok: true, promoted: await release(tx, registrationId, current) };
        }, txOptions);
      }).then((out) => {
        if (out.ok && out.promoted) noticesWritten();
        return out;
      }),

    async takePromotions(residentId) {
      const rows = await db.registration.findMany({ where: { residentId, promotionNotified: false, status: { not: 'cancelled' } }, select: viewSelect });
      if (!rows.length) return [];
      await db.registration.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { promotionNotified: true } });
      return Promise.all(rows.map((r) => view(db, r)));
    },

    async listForStaff(filter) {
      const rows = await db.registration.findMany({
        where: { activityId: filter.activityId, sessionId: filter.sessionId },
        orderBy: [{ activityId: 'asc' }, { createdAt: 'asc' }],
        select: {
          ...viewSelect, participantBirthYear: true, participantPhone: true, guardianName: true, guardianPhone: true,
          resident: { select: { language: true } },
        },
      });
      return Promise.all(
        rows.map(async (r): Promise<StaffRegistrationRow> => ({
          ...(await view(db, r)),
          participantBirthYear: r.participantBirthYear, participantPhone: r.participantPhone,
          guardianName: r.guardianName, guardianPhone: r.guardianPhone, residentLanguage: r.resident.language,
        })),
      );
    },
  };
}
