// The guardian's answer in one transaction with the registration it decides: yes confirms (or keeps
// a waitlisted place), no and no answer in time cancel and give the seat to the waitlist. The child
// is told through the outbox, committed with the answer. The request row is claimed (answeredAt set
// only where it is null), so two answers, or two instances' timeout jobs, never both act.
import {
  childNoticeKey, hashSecret, normaliseGuardianCode, openForAnswer,
  type GuardianAnswer, type GuardianCase, type GuardianChannel, type GuardianOutcome, type GuardianRepository,
} from '../domain/guardian';
import { noticeRow } from '../domain/notices';
import type { RegistrationStatus } from '../domain/registrations';
import type { Prisma } from '../../generated/sqlite';
import type { Db, DbProvider } from './prisma';
import { registrationSteps, withRetry, type RegistrationOptions } from './registration-repository';

type Tx = Prisma.TransactionClient;

const caseSelect = {
  id: true, expiresAt: true, answer: true,
  registration: {
    select: {
      id: true, referenceCode: true, activityId: true, status: true, residentId: true, sessionId: true,
      participantName: true, participantBirthYear: true, participantPhone: true, guardianName: true, guardianPhone: true,
      session: { select: { startsAt: true } },
    },
  },
} as const;

type CaseRow = {
  id: string; expiresAt: Date; answer: string | null;
  registration: {
    id: string; referenceCode: string; activityId: string; status: string; residentId: string; sessionId: string | null;
    participantName: string | null; participantBirthYear: number | null; participantPhone: string | null;
    guardianName: string | null; guardianPhone: string | null; session: { startsAt: Date } | null;
  };
};

function toCase(r: CaseRow): GuardianCase {
  const g = r.registration;
  return {
    requestId: r.id, registrationId: g.id, referenceCode: g.referenceCode, activityId: g.activityId,
    sessionStartsAt: g.session?.startsAt ?? null, status: g.status as RegistrationStatus, participantName: g.participantName,
    participantBirthYear: g.participantBirthYear, participantPhone: g.participantPhone, guardianName: g.guardianName,
    guardianPhone: g.guardianPhone, residentId: g.residentId, expiresAt: r.expiresAt, answer: r.answer as GuardianAnswer | null,
  };
}

export function prismaGuardianRepository(db: Db, provider: DbProvider, opts: RegistrationOptions = {}): GuardianRepository {
  const steps = registrationSteps(db, provider, opts);
  const noticesWritten = opts.noticesWritten ?? (() => undefined);
  const find = async (where: Prisma.GuardianRequestWhereInput) => {
    const row = await db.guardianRequest.findFirst({ where, select: caseSelect });
    return row ? toCase(row) : null;
  };

  async function decide(tx: Tx, c: GuardianCase, answer: GuardianAnswer, via: GuardianChannel, at: Date): Promise<RegistrationStatus> {
    const { count } = await tx.guardianRequest.updateMany({
      where: { id: c.requestId, answeredAt: null },
      data: { answer, answeredVia: via, answeredAt: at },
    });
    if (count !== 1) throw new AnsweredMeanwhile();
    let status: RegistrationStatus = c.status;
    if (answer === 'yes' && c.status === 'pending_guardian') {
      status = 'confirmed';
      await tx.registration.update({ where: { id: c.registrationId }, data: { status }, select: { id: true } });
    } else if (answer === 'no') {
      status = 'cancelled';
      await steps.release(tx, c.registrationId, { status: c.status, sessionId: (await tx.registration.findUniqueOrThrow({ where: { id: c.registrationId }, select: { sessionId: true } })).sessionId });
    }
    const vars = { code: c.referenceCode, activityId: c.activityId, ...(c.sessionStartsAt ? { startsAt: c.sessionStartsAt.toISOString() } : {}) };
    await tx.residentNotice.create({ data: noticeRow(c.residentId, childNoticeKey(answer, via, status), vars), select: { id: true } });
    return status;
  }

  return {
    byId: (requestId) => find({ id: requestId }),
    byToken: (token) => find({ tokenHash: hashSecret(token) }),
    byCode: (code) => find({ codeHash: hashSecret(normaliseGuardianCode(code)) }),
    byReference: (referenceCode) => find({ registration: { referenceCode: referenceCode.toUpperCase() } }),

    answer: (requestId, answer, via, at) =>
      withRetry(async (): Promise<GuardianOutcome> => {
        const target = await db.guardianRequest.findUnique({ where: { id: requestId }, select: { registration: { select: { sessionId: true } } } });
        if (!target) return { ok: false, reason: 'not_found' };
        try {
          const out = await db.$transaction(async (tx): Promise<GuardianOutcome> => {
            await steps.lockSession(tx, target.registration.sessionId);
            const row = await tx.guardianRequest.findUnique({ where: { id: requestId }, select: caseSelect });
            if (!row) return { ok: false, reason: 'not_found' };
            const c = toCase(row);
            if (c.answer !== null) return { ok: false, reason: 'answered' };
            const now = at ?? steps.now();
            // Staff may confirm after a phone call until the seat is released; the timeout only a seat still waiting.
            const open = via === 'staff' ? c.status !== 'cancelled' : via === 'timeout' ? c.status === 'pending_guardian' && c.expiresAt <= now : openForAnswer(c, now);
            if (!open) return { ok: false, reason: c.status === 'cancelled' || via === 'timeout' ? 'answered' : 'expired' };
            const status = await decide(tx, c, answer, via, now);
            return { ok: true, case: { ...c, answer }, status };
          }, steps.txOptions);
          if (out.ok) noticesWritten();
          return out;
        } catch (err) {
          if (err instanceof AnsweredMeanwhile) return { ok: false, reason: 'answered' };
          throw err;
        }
      }),

    async overdue(now) {
      const rows = await db.guardianRequest.findMany({
        where: { answeredAt: null, expiresAt: { lte: now }, registration: { status: 'pending_guardian' } },
        select: { id: true },
        take: 500,
      });
      return rows.map((r) => r.id);
    },
  };
}

class AnsweredMeanwhile extends Error {}
