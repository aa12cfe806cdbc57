// Handoffs and their messages. Status changes are compare-and-set updates (one UPDATE with the
// expected state in its WHERE; "no row" = someone else was first), so two staff members pressing
// "Take", or two bot instances claiming a reminder, never both win. A single-row `update` rather
// than `updateMany`: Prisma wraps the latter in a transaction, which on SQLite makes two clients
// in one process wait on each other. On PostgreSQL, opening a handoff locks the resident's row.
import { randomBytes } from 'node:crypto';
import {
  MESSAGES_KEPT,
  OPEN_STATUSES,
  TAKEABLE_STATUS,
  becomesUrgent,
  closeOutcome,
  decodeReason,
  encodeReason,
  isUrgent,
  reminderDue,
  takeOutcome,
  type CloseOutcome,
  type Handoff,
  type HandoffMessage,
  type HandoffRepository,
  type HandoffStatus,
  type MessageDirection,
  type OpenOutcome,
  type OpenRequest,
  type ResidentSummary,
  type TakeOutcome,
} from '../domain/handoffs';
import type { Db, DbProvider } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

const select = {
  id: true, residentId: true, reason: true, urgent: true, status: true, language: true, conversationRef: true,
  staffConversationId: true, staffActivityId: true, takenBy: true, createdAt: true, takenAt: true, closedAt: true, notifiedAt: true,
} as const;

type Row = {
  id: string; residentId: string; reason: string; urgent: boolean; status: string; language: string; conversationRef: string;
  staffConversationId: string | null; staffActivityId: string | null; takenBy: string | null;
  createdAt: Date; takenAt: Date | null; closedAt: Date | null; notifiedAt: Date | null;
};

function toHandoff(r: Row): Handoff {
  return { ...r, reason: decodeReason(r.reason), status: r.status as HandoffStatus };
}

// Plain SQL for what a resident's turn in an open handoff runs (decision 002): the same statements on
// SQLite and PostgreSQL. SQLite gives booleans as 0/1 and dates as text, PostgreSQL as boolean and Date.
type RawDate = Date | string | null;
type RawRow = Omit<Row, 'urgent' | 'createdAt' | 'takenAt' | 'closedAt' | 'notifiedAt'> & {
  urgent: boolean | number | bigint; createdAt: Date | string; takenAt: RawDate; closedAt: RawDate; notifiedAt: RawDate;
};
const date = (d: RawDate): Date | null => (d === null ? null : new Date(d));

function fromRaw(r: RawRow): Handoff {
  return toHandoff({
    ...r, urgent: Boolean(r.urgent), createdAt: new Date(r.createdAt), takenAt: date(r.takenAt), closedAt: date(r.closedAt), notifiedAt: date(r.notifiedAt),
  });
}

const HANDOFF_COLUMNS = `h."id", h."residentId", h."reason", h."urgent", h."status", h."language", h."conversationRef", h."staffConversationId",
  h."staffActivityId", h."takenBy", h."createdAt", h."takenAt", h."closedAt", h."notifiedAt"`;
const OPEN_FOR_SQL = `SELECT ${HANDOFF_COLUMNS}
  FROM "Handoff" h JOIN "Resident" r ON r."id" = h."residentId"
  WHERE r."channelId" = ? AND r."channelUserId" = ? AND h."status" IN ('queued', 'taken') LIMIT 1`;
// Opening a handoff (SQLite, one synchronous transaction): through Prisma's interactive transaction
// the same statements cost ~6 ms of CPU, here ~0.2 ms.
const OPEN_OF_RESIDENT_SQL = `SELECT ${HANDOFF_COLUMNS} FROM "Handoff" h WHERE h."residentId" = ? AND h."status" IN ('queued', 'taken') LIMIT 1`;
const BY_ID_SQL = `SELECT ${HANDOFF_COLUMNS} FROM "Handoff" h WHERE h."id" = ?`;
const MARK_URGENT_SQL = 'UPDATE "Handoff" SET "urgent" = 1 WHERE "id" = ?';
const CREATE_SQL = `INSERT INTO "Handoff" ("id", "residentId", "reason", "urgent", "status", "language", "conversationRef", "createdAt", "notifiedAt")
  VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`;
const RELEASE_SQL = 'UPDATE "Handoff" SET "notifiedAt" = NULL WHERE "id" = ?';
const QUEUE_POSITION_SQL = `SELECT me."status", (SELECT COUNT(*) FROM "Handoff" o WHERE o."status" = 'queued' AND (
    (o."urgent" AND NOT me."urgent")
    OR (o."urgent" = me."urgent" AND (o."createdAt" < me."createdAt" OR (o."createdAt" = me."createdAt" AND o."id" < me."id")))
  )) AS "ahead" FROM "Handoff" me WHERE me."id" = ?`;
const RECENT_SQL = `SELECT "direction", "text", "createdAt" FROM "HandoffMessage" WHERE "handoffId" = ?
  ORDER BY "createdAt" DESC, "id" DESC LIMIT ?`;
const ADD_MESSAGE_SQL = 'INSERT INTO "HandoffMessage" ("id", "handoffId", "direction", "text", "createdAt") VALUES (?, ?, ?, ?, ?)';
// Keeps the newest MESSAGES_KEPT; deletes nothing (and touches few rows) while there are fewer.
const TRIM_SQL = `DELETE FROM "HandoffMessage" WHERE "handoffId" = ? AND "id" NOT IN (
  SELECT "id" FROM "HandoffMessage" WHERE "handoffId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT ?)`;

/**
 * An id like Prisma's cuid(): "c", the time in ms and a per-process counter (base 36, fixed width),
 * then random characters. It sorts by creation, as the ordering of messages within one ms expects.
 */
let counter = 0;
export function messageId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${now.toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12)}`;
}

const open = { in: [...OPEN_STATUSES] };

/** The resident's open handoff (made urgent by an emergency), else a new one with its transcript; as the Prisma path does. */
function openOnSqlite(f: SqliteFast, req: OpenRequest, now: Date): OpenOutcome {
  return f.transaction(() => {
    const row = f.get<RawRow>(OPEN_OF_RESIDENT_SQL, req.residentId);
    if (row) {
      const existing = fromRaw(row);
      if (becomesUrgent(existing, req.reason)) {
        f.run(MARK_URGENT_SQL, existing.id);
        existing.urgent = true;
      }
      return { created: false, handoff: existing };
    }
    // notifiedAt is set at once: the instance that opens posts the card, no timer elsewhere does.
    const id = messageId(now.getTime());
    const at = sqliteDate(now);
    f.run(CREATE_SQL, id, req.residentId, encodeReason(req.reason), isUrgent(req.reason) ? 1 : 0, req.language, req.conversationRef, at, at);
    const texts = req.transcript.slice(-MESSAGES_KEPT);
    // One millisecond apart, so the order survives.
    texts.forEach((text, i) => f.run(ADD_MESSAGE_SQL, messageId(now.getTime()), id, 'resident', text, sqliteDate(new Date(now.getTime() - (texts.length - i)))));
    return { created: true, handoff: fromRaw(f.get<RawRow>(BY_ID_SQL, id)!) };
  });
}

function isNotFound(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2025';
}

/** Runs a compare-and-set update; false when its WHERE matched no row. */
async function compareAndSet(update: () => Promise<unknown>): Promise<boolean> {
  try {
    await update();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export function prismaHandoffRepository(db: Db, provider: DbProvider, fast?: SqliteFast): HandoffRepository {
  const txOptions = { timeout: 20_000, maxWait: 20_000 };

  async function byId(id: string): Promise<Handoff | null> {
    const row = await db.handoff.findUnique({ where: { id }, select });
    return row ? toHandoff(row) : null;
  }

  return {
    byId,

    open: (req, now) =>
      fastOr(fast, (f) => openOnSqlite(f, req, now), () => db.$transaction(async (tx): Promise<OpenOutcome> => {
        if (provider === 'postgres') await tx.$queryRaw`SELECT id FROM "Resident" WHERE id = ${req.residentId} FOR UPDATE`;
        const existing = await tx.handoff.findFirst({ where: { residentId: req.residentId, status: open }, select });
        if (existing) {
          if (becomesUrgent(existing, req.reason)) {
            await tx.handoff.update({ where: { id: existing.id }, data: { urgent: true }, select: { id: true } });
            existing.urgent = true;
          }
          return { created: false, handoff: toHandoff(existing) };
        }
        // notifiedAt is set at once: the instance that opens posts the card, no timer elsewhere does.
        const created = await tx.handoff.create({
          data: {
            residentId: req.residentId, reason: encodeReason(req.reason), urgent: isUrgent(req.reason), status: 'queued',
            language: req.language, conversationRef: req.conversationRef, createdAt: now, notifiedAt: now,
          },
          select,
        });
        const texts = req.transcript.slice(-MESSAGES_KEPT);
        if (texts.length) {
          await tx.handoffMessage.createMany({
            // One millisecond apart, so the order survives on both databases.
            data: texts.map((text, i) => ({ handoffId: created.id, direction: 'resident', text, createdAt: new Date(now.getTime() - (texts.length - i)) })),
          });
        }
        return { created: true, handoff: toHandoff(created) };
      }, txOptions)),

    async byStaffConversation(conversationId) {
      const row = await db.handoff.findFirst({ where: { staffConversationId: conversationId }, orderBy: { createdAt: 'desc' }, select });
      return row ? toHandoff(row) : null;
    },

    async openFor(channelId, channelUserId) {
      // Asked on every resident message and nearly always "no": one plain SQL statement.
      const [row] = await fastOr<RawRow[]>(
        fast,
        (f) => {
          const r = f.get<RawRow>(OPEN_FOR_SQL, channelId, channelUserId);
          return r ? [r] : [];
        },
        () => db.$queryRaw<RawRow[]>`
          SELECT h."id", h."residentId", h."reason", h."urgent", h."status", h."language", h."conversationRef", h."staffConversationId",
            h."staffActivityId", h."takenBy", h."createdAt", h."takenAt", h."closedAt", h."notifiedAt"
          FROM "Handoff" h JOIN "Resident" r ON r."id" = h."residentId"
          WHERE r."channelId" = ${channelId} AND r."channelUserId" = ${channelUserId} AND h."status" IN ('queued', 'taken') LIMIT 1`,
      );
      return row ? fromRaw(row) : null;
    },

    async attachThread(id, conversationId, activityId, notifiedAt) {
      await db.handoff.update({ where: { id }, data: { staffConversationId: conversationId, staffActivityId: activityId, notifiedAt }, select: { id: true } });
    },

    async releaseNotification(id) {
      // After every handoff opened while no staff channel is set: plain SQL on SQLite.
      const released = await fastOr(fast, (f) => f.run(RELEASE_SQL, id), async () => {
        await db.handoff.update({ where: { id }, data: { notifiedAt: null }, select: { id: true } });
        return 1;
      });
      if (released === 0) throw new Error(`handoff ${id} not found`);
    },

    async take(id, by, now): Promise<TakeOutcome> {
      const won = await compareAndSet(() =>
        db.handoff.update({ where: { id, status: TAKEABLE_STATUS }, data: { status: 'taken', takenBy: by, takenAt: now }, select: { id: true } }),
      );
      const current = await byId(id);
      return current ? takeOutcome(current, by, won) : { ok: false, reason: 'not_found' };
    },

    async close(id, now): Promise<CloseOutcome> {
      const won = await compareAndSet(() => db.handoff.update({ where: { id, status: open }, data: { status: 'closed', closedAt: now }, select: { id: true } }));
      const current = await byId(id);
      return current ? closeOutcome(current, won) : { ok: false, reason: 'not_found' };
    },

    async markUrgent(id) {
      await db.handoff.update({ where: { id }, data: { urgent: true }, select: { id: true } });
    },

    async queuePosition(id) {
      // After every opened handoff: one plain SQL statement. Ahead are the queued ones of a higher rank
      // (urgent before the others), then of the same rank the older ones (the id breaks a tie).
      type Pos = { status: string; ahead: number | bigint };
      const [me] = await fastOr<Pos[]>(
        fast,
        (f) => {
          const r = f.get<Pos>(QUEUE_POSITION_SQL, id);
          return r ? [r] : [];
        },
        () => db.$queryRaw<Pos[]>`SELECT me."status", (SELECT COUNT(*) FROM "Handoff" o WHERE o."status" = 'queued' AND (
            (o."urgent" AND NOT me."urgent")
            OR (o."urgent" = me."urgent" AND (o."createdAt" < me."createdAt" OR (o."createdAt" = me."createdAt" AND o."id" < me."id")))
          )) AS "ahead" FROM "Handoff" me WHERE me."id" = ${id}`,
      );
      if (!me || me.status !== 'queued') return null;
      return Number(me.ahead) + 1;
    },

    async addMessage(handoffId, direction: MessageDirection, text, now) {
      // Every message of a resident in an open handoff: plain SQL, the insert and the trim to the newest MESSAGES_KEPT.
      const id = messageId(now.getTime());
      await fastOr(
        fast,
        (f) => f.run(ADD_MESSAGE_SQL, id, handoffId, direction, text, sqliteDate(now)),
        () => db.$executeRaw`INSERT INTO "HandoffMessage" ("id", "handoffId", "direction", "text", "createdAt") VALUES (${id}, ${handoffId}, ${direction}, ${text}, ${now})`,
      );
      await fastOr(
        fast,
        (f) => f.run(TRIM_SQL, handoffId, handoffId, MESSAGES_KEPT),
        () => db.$executeRaw`DELETE FROM "HandoffMessage" WHERE "handoffId" = ${handoffId} AND "id" NOT IN (
          SELECT "id" FROM "HandoffMessage" WHERE "handoffId" = ${handoffId} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${MESSAGES_KEPT})`,
      );
    },

    async recentMessages(handoffId, limit): Promise<HandoffMessage[]> {
      type Msg = { direction: string; text: string; createdAt: Date | string };
      const rows = await fastOr<Msg[]>(
        fast,
        (f) => f.all<Msg>(RECENT_SQL, handoffId, limit),
        () => db.$queryRaw<Msg[]>`SELECT "direction", "text", "createdAt" FROM "HandoffMessage" WHERE "handoffId" = ${handoffId}
          ORDER BY "createdAt" DESC, "id" DESC LIMIT ${limit}`,
      );
      return rows.reverse().map((r) => ({ direction: r.direction as MessageDirection, text: r.text, createdAt: new Date(r.createdAt) }));
    },

    async claimDue(window, now) {
      // reminderDue (src/domain/handoffs) as a WHERE, so the claim below is a compare-and-set on it.
      const { cutoff, cardCutoff, remindOthers } = window;
      const due = {
        status: 'queued',
        OR: [
          { notifiedAt: null },
          { staffConversationId: null, notifiedAt: { lte: cardCutoff } },
          { staffConversationId: { not: null }, notifiedAt: { lte: cutoff }, ...(remindOthers ? {} : { urgent: true }) },
        ],
      };
      const candidates = await db.handoff.findMany({ where: due, orderBy: { createdAt: 'asc' }, take: 20, select });
      const claimed: Handoff[] = [];
      for (const c of candidates.map(toHandoff)) {
        if (!reminderDue(c, window)) continue;
        // Still due when it is claimed: the instance that came first has moved notifiedAt on.
        if (await compareAndSet(() => db.handoff.update({ where: { id: c.id, ...due }, data: { notifiedAt: now }, select: { id: true } }))) {
          claimed.push(c);
        }
      }
      return claimed;
    },

    async residentSummary(residentId): Promise<ResidentSummary> {
      const r = await db.resident.findUnique({
        where: { id: residentId },
        select: {
          consentAt: true, firstName: true,
          registrations: {
            where: { status: { not: 'cancelled' } }, orderBy: { createdAt: 'asc' },
            select: { activityId: true, status: true, referenceCode: true, participant: true, participantName: true, guardianName: true },
          },
        },
      });
      if (!r) return { consentAt: null, firstName: null, ownNames: [], registrations: [] };
      const ownNames = r.registrations
        .map((g) => (g.participant === 'self' ? g.participantName : g.guardianName))
        .filter((n): n is string => !!n);
      return {
        consentAt: r.consentAt,
        firstName: r.firstName,
        ownNames,
        registrations: r.registrations.map((g) => ({ activityId: g.activityId, status: g.status, referenceCode: g.referenceCode })),
      };
    },
  };
}
