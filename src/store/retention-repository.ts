// The retention job's statements (src/domain/retention.ts has the rules). The day's run is claimed in
// JobLease with one conditional UPDATE, so however many instances ask, one runs it; a run that dies
// gives the claim up when its lease runs out. Every step is idempotent: a run taken over repeats none
// of the counting (a registration is counted only by the statement that deleted it).
import { randomUUID } from 'node:crypto';
import {
  RETENTION_CHECK_MS,
  RETENTION_LEASE_MS,
  RETENTION_EVERY_MS,
  registrationExpired,
  reportMonth,
  runRetention,
  type RetentionCutoffs,
  type RetentionPolicy,
  type RetentionReport,
  type RetentionStore,
} from '../domain/retention';
import type { Db } from './prisma';

const JOB = 'retention';
/** Registrations looked at per query: the job never holds many rows in memory. */
const BATCH = 200;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Deletes a registration and counts it (activity, session, month, last status) in one transaction.
 * False when it was already gone (another run or an erasure got there first).
 */
export async function anonymiseRegistration(
  db: Db,
  r: { id: string; activityId: string; sessionId: string | null; status: string; createdAt: Date },
): Promise<boolean> {
  return db.$transaction(async (tx: Tx) => {
    const { count } = await tx.registration.deleteMany({ where: { id: r.id } });
    if (count !== 1) return false;
    const key = { activityId: r.activityId, sessionId: r.sessionId ?? '', month: reportMonth(r.createdAt), status: r.status };
    await tx.registrationCount.upsert({
      where: { activityId_sessionId_month_status: key },
      create: { ...key, count: 1 },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
    return true;
  });
}

export function prismaRetentionStore(db: Db): RetentionStore {
  return {
    async claim(owner, now) {
      await db.jobLease.upsert({ where: { name: JOB }, create: { name: JOB }, update: {}, select: { name: true } });
      const dueBefore = new Date(now.getTime() - RETENTION_EVERY_MS + 5 * 60_000);
      const { count } = await db.jobLease.updateMany({
        where: {
          name: JOB,
          OR: [{ lastRunAt: null }, { lastRunAt: { lte: dueBefore } }],
          AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
        },
        data: { owner, leaseUntil: new Date(now.getTime() + RETENTION_LEASE_MS) },
      });
      return count === 1;
    },

    async finish(owner, now) {
      await db.jobLease.updateMany({ where: { name: JOB, owner }, data: { lastRunAt: now, leaseUntil: null, owner: null } });
    },

    async anonymiseExpiredRegistrations(cutoffs: RetentionCutoffs) {
      // A course booked whole is held on its first meeting, but it is over only after its last.
      const courseEnd = async <R extends { session: { startsAt: Date; endsAt: Date | null; seriesId: string | null } | null }>(r: R): Promise<R> => {
        if (!r.session?.seriesId) return r;
        const last = await db.session.findFirst({ where: { seriesId: r.session.seriesId }, orderBy: { startsAt: 'desc' }, select: { startsAt: true, endsAt: true, seriesId: true } });
        return { ...r, session: last ?? r.session };
      };
      let done = 0;
      let after = '';
      for (;;) {
        // Candidates by the cheap conditions; the rule itself decides (registrationExpired).
        const rows = await db.registration.findMany({
          where: {
            id: { gt: after },
            OR: [
              { status: 'cancelled' },
              { createdAt: { lt: cutoffs.createdBefore } },
              { session: { OR: [{ endsAt: { lt: cutoffs.sessionEndedBefore } }, { endsAt: null, startsAt: { lt: cutoffs.sessionEndedBefore } }] } },
            ],
          },
          orderBy: { id: 'asc' },
          take: BATCH,
          select: { id: true, activityId: true, sessionId: true, status: true, createdAt: true, session: { select: { startsAt: true, endsAt: true, seriesId: true } } },
        });
        for (const r of rows) if (registrationExpired(await courseEnd(r), cutoffs) && (await anonymiseRegistration(db, r))) done++;
        if (rows.length < BATCH) return done;
        after = rows[rows.length - 1].id;
      }
    },

    async deleteIdleStates(idleBefore) {
      return (await db.botState.deleteMany({ where: { updatedAt: { lt: idleBefore } } })).count;
    },

    async deleteIdleResidents(idleBefore) {
      // Nothing left: no registration (anonymised ones are gone) and no handoff still open.
      // Closed handoffs and anything else hanging off the resident go with it (ON DELETE CASCADE).
      const { count } = await db.resident.deleteMany({
        where: { updatedAt: { lt: idleBefore }, registrations: { none: {} }, handoffs: { none: { status: { not: 'closed' } } } },
      });
      return count;
    },

    async deleteClosedTranscripts(closedBefore) {
      const { count } = await db.handoffMessage.deleteMany({ where: { handoff: { status: 'closed', closedAt: { lt: closedBefore } } } });
      return count;
    },
  };
}

/** The job as the app runs it: at start, then every hour asking whether the day's run is due. */
export function retentionJob(
  db: Db,
  policy: RetentionPolicy,
  log: { info(msg: string, f: Record<string, unknown>): void; error(msg: string, f: Record<string, unknown>): void },
): { run(now?: Date): Promise<RetentionReport | null>; start(): void; stop(): void } {
  const store = prismaRetentionStore(db);
  const owner = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  const run = async (now = new Date()) => {
    const started = Date.now();
    try {
      const report = await runRetention(store, policy, now, owner);
      if (report) log.info('retention run', { ...report, ms: Date.now() - started });
      return report;
    } catch (err) {
      log.error('retention run failed', { error: (err as Error)?.name, ms: Date.now() - started });
      return null;
    }
  };
  return {
    run,
    start() {
      timer = setInterval(() => void run(), RETENTION_CHECK_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
