// Registrations in one transaction each. On PostgreSQL the session row is locked (FOR UPDATE)
// so concurrent instances never hand out more seats than there are; SQLite has one writer.
import type { Participant } from '../domain/eligibility';
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
import type { Prisma } from '../../generated/sqlite';
import type { Db, DbProvider } from './prisma';

type Tx = Prisma.TransactionClient;

const viewSelect = {
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

async function withRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.random() * 20));
    }
  }
}

export function prismaRegistrationRepository(db: Db, provider: DbProvider, now: () => Date = () => new Date()): RegistrationRepository {
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

  async function uniqueCode(tx: Tx): Promise<string> {
    for (;;) {
      const code = newReferenceCode();
      if (!(await tx.registration.findUnique({ where: { referenceCode: code }, select: { id: true } }))) return code;
    }
  }

  return {
    register: (req: RegistrationRequest) =>
      withRetry(() =>
        db.$transaction(async (tx): Promise<RegisterOutcome> => {
          const capacity = await lockSession(tx, req.sessionId);
          const replay = await tx.registration.findUnique({ where: { requestKey: req.requestKey }, select: viewSelect });
          if (replay) return { ok: true, registration: await view(tx, replay) };
          const existing = await tx.registration.findMany({
            where: { residentId: req.residentId, activityId: req.activityId, sessionId: req.sessionId, status: { not: 'cancelled' } },
            select: viewSelect,
          });
          const same = existing.find((r) => sameParticipant(r.participantName, req.participantName));
          if (same) return { ok: false, reason: 'already_registered', registration: await view(tx, same) };
          const taken = capacity !== null
            ? await tx.registration.count({ where: { sessionId: req.sessionId, status: { in: [...SEAT_HOLDING] } } })
            : 0;
          const status = statusFor(req.needsGuardian, capacity, taken);
          const created = await tx.registration.create({
            data: {
              referenceCode: await uniqueCode(tx), residentId: req.residentId, activityId: req.activityId, sessionId: req.sessionId,
              participant: req.participant, participantName: req.participantName, participantBirthYear: req.participantBirthYear,
              participantPhone: req.participantPhone, guardianName: req.guardianName, guardianPhone: req.guardianPhone,
              status, waitlistedAt: status === 'waitlisted' ? now() : null, requestKey: req.requestKey,
            },
            select: viewSelect,
          });
          return { ok: true, registration: await view(tx, created) };
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
          await tx.registration.update({ where: { id: registrationId }, data: { status: 'cancelled', cancelledAt: now() }, select: { id: true } });
          if (!current.sessionId || !(SEAT_HOLDING as string[]).includes(current.status)) return { ok: true, promoted: null };
          const next = await tx.registration.findFirst({
            where: { sessionId: current.sessionId, status: 'waitlisted' },
            orderBy: [{ waitlistedAt: 'asc' }, { id: 'asc' }],
            select: { id: true, participant: true, guardianName: true },
          });
          if (!next) return { ok: true, promoted: null };
          const needsGuardian = next.participant === 'self' && next.guardianName !== null;
          const promoted = await tx.registration.update({
            where: { id: next.id },
            data: { status: needsGuardian ? 'pending_guardian' : 'confirmed', promotedAt: now(), promotionNotified: false },
            select: viewSelect,
          });
          return { ok: true, promoted: await view(tx, promoted) };
        }, txOptions);
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
