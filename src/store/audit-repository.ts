import type { AuditEvent, AuditLog } from '../domain/audit';
import type { Db } from './prisma';

const MAX_FIELD = 256;
const clip = (s: string | null | undefined): string | null => (s == null ? null : s.slice(0, MAX_FIELD));

/** An audit row as stored; a store writes it itself inside the transaction of the change it records. */
export function auditRow(e: AuditEvent) {
  return { actor: clip(e.actor)!, action: clip(e.action)!, recordType: clip(e.recordType), recordId: clip(e.recordId) };
}

export function prismaAuditLog(db: Db): AuditLog {
  return {
    async record(e) {
      await db.auditEntry.create({ data: auditRow(e), select: { id: true } });
    },
    async list(opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
      return db.auditEntry.findMany({
        where: opts.before ? { id: { lt: opts.before } } : undefined,
        orderBy: { id: 'desc' },
        take: limit,
      });
    },
  };
}
