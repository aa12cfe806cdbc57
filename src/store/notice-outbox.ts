// The outbox of messages to residents (ResidentNotice) and their addresses (ResidentAddress).
// A notice is claimed row by row (claimedUntil), so several instances never send it twice at once.
import type { NoticeOutbox, NoticeVars, PendingNotice } from '../domain/notices';
import type { Db } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

// Every new conversation stores its address and then looks for notices that waited for it: plain
// SQL on SQLite (through Prisma each costs ~1 ms of query planning), as the turn's other statements.
const ANY_PENDING_SQL = `SELECT 1 AS "one" FROM "ResidentNotice" WHERE "status" = 'pending' LIMIT 1`;
const REMEMBER_SQL = `INSERT INTO "ResidentAddress" ("residentId", "conversationRef", "updatedAt") VALUES (?, ?, ?)
  ON CONFLICT ("residentId") DO UPDATE SET "conversationRef" = excluded."conversationRef", "updatedAt" = excluded."updatedAt"`;

export function prismaNoticeOutbox(db: Db, fast?: SqliteFast): NoticeOutbox {
  return {
    async add(row) {
      await db.residentNotice.create({ data: row, select: { id: true } });
    },
    async claimDue(now, limit, claimMs) {
      // Nearly always nothing is pending: one indexed look settles it without Prisma.
      const nonePending = await fastOr(fast, (f) => f.get(ANY_PENDING_SQL) === undefined, async () => false);
      if (nonePending) return [];
      const due = await db.residentNotice.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        orderBy: { createdAt: 'asc' },
        take: limit,
        select: { id: true, residentId: true, key: true, vars: true, registrationId: true, attempts: true, claimedUntil: true },
      });
      const claimed: PendingNotice[] = [];
      for (const n of due) {
        const { count } = await db.residentNotice.updateMany({
          where: { id: n.id, status: 'pending', claimedUntil: n.claimedUntil },
          data: { claimedUntil: new Date(now.getTime() + claimMs) },
        });
        if (count === 1) claimed.push({ id: n.id, residentId: n.residentId, key: n.key, vars: JSON.parse(n.vars) as NoticeVars, registrationId: n.registrationId, attempts: n.attempts });
      }
      return claimed;
    },
    async sent(id, at) {
      await db.residentNotice.update({ where: { id }, data: { status: 'sent', sentAt: at, claimedUntil: null, attempts: { increment: 1 } }, select: { id: true } });
    },
    async superseded(id) {
      await db.residentNotice.update({ where: { id }, data: { status: 'superseded', claimedUntil: null }, select: { id: true } });
    },
    async failed(id, nextAttemptAt) {
      await db.residentNotice.update({ where: { id }, data: { attempts: { increment: 1 }, nextAttemptAt, claimedUntil: null }, select: { id: true } });
    },
    async alreadyTold(registrationId) {
      const r = await db.registration.findUnique({ where: { id: registrationId }, select: { promotionNotified: true, status: true } });
      return !r || r.promotionNotified || r.status === 'cancelled';
    },
    async markTold(registrationId) {
      await db.registration.updateMany({ where: { id: registrationId }, data: { promotionNotified: true } });
    },
    async address(residentId) {
      const a = await db.residentAddress.findUnique({
        where: { residentId },
        select: { conversationRef: true, resident: { select: { language: true } } },
      });
      return a ? { conversationRef: a.conversationRef, language: a.resident.language } : null;
    },
    async remember(residentId, conversationRef) {
      const upsert = async () => {
        await db.residentAddress.upsert({
          where: { residentId },
          create: { residentId, conversationRef },
          update: { conversationRef },
          select: { residentId: true },
        });
      };
      await fastOr(fast, (f) => void f.run(REMEMBER_SQL, residentId, conversationRef, sqliteDate(new Date())), upsert);
    },
  };
}
