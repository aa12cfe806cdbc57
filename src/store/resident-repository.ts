import { CONSENT_VERSION, type LanguageSource, type Resident, type ResidentRepository } from '../domain/residents';
import type { Db } from './prisma';
import { fastOr, type SqliteFast } from './sqlite-fast';

// One read per turn: the resident, with a count of waitlist news (so most turns need no second query).
const select = {
  id: true, channelId: true, channelUserId: true, language: true, languageSource: true, consentAt: true, firstName: true,
  _count: { select: { registrations: { where: { promotionNotified: false } } } },
} as const;

type Row = { id: string; channelId: string; channelUserId: string; language: string | null; languageSource: string | null; consentAt: Date | null; firstName: string | null; _count: { registrations: number } };

function toResident({ _count, ...r }: Row, isNew: boolean): Resident {
  return { ...r, languageSource: r.languageSource as LanguageSource | null, isNew, pendingPromotions: _count.registrations };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

const LOOKUP_SQL = `SELECT r."id", r."channelId", r."channelUserId", r."language", r."languageSource", r."consentAt", r."firstName",
  (SELECT COUNT(*) FROM "Registration" g WHERE g."residentId" = r."id" AND g."promotionNotified" = 0) AS "pending"
  FROM "Resident" r WHERE r."channelId" = ? AND r."channelUserId" = ?`;

export function prismaResidentRepository(db: Db, fast?: SqliteFast): ResidentRepository {
  return {
    async findOrCreate(channelId, channelUserId): Promise<Resident> {
      // Every turn starts here: plain SQL that SQLite and PostgreSQL both speak, one round trip.
      type Found = Omit<Row, '_count' | 'consentAt'> & { consentAt: Date | string | null; pending: number | bigint };
      const [found] = await fastOr<Found[]>(fast, (f) => {
        const row = f.get<Found>(LOOKUP_SQL, channelId, channelUserId);
        return row ? [row] : [];
      }, () => db.$queryRaw<Found[]>`
        SELECT r."id", r."channelId", r."channelUserId", r."language", r."languageSource", r."consentAt", r."firstName",
          (SELECT COUNT(*) FROM "Registration" g WHERE g."residentId" = r."id" AND g."promotionNotified" = ${false}) AS "pending"
        FROM "Resident" r WHERE r."channelId" = ${channelId} AND r."channelUserId" = ${channelUserId}`);
      if (found) {
        const { pending, ...rest } = found;
        return toResident({ ...rest, consentAt: rest.consentAt ? new Date(rest.consentAt) : null, _count: { registrations: Number(pending) } }, false);
      }
      try {
        const created = await db.resident.create({ data: { channelId, channelUserId }, select });
        return toResident(created, true);
      } catch (err) {
        // Another instance created the same resident a moment ago.
        if (!isUniqueViolation(err)) throw err;
        const again = await db.resident.findUniqueOrThrow({ where: { channelId_channelUserId: { channelId, channelUserId } }, select });
        return toResident(again, false);
      }
    },
    async recordConsent(id, at) {
      await db.resident.update({ where: { id }, data: { consentAt: at, consentVersion: CONSENT_VERSION }, select: { id: true } });
    },
    async setLanguage(id, language, source) {
      await db.resident.update({ where: { id }, data: { language, languageSource: source }, select: { id: true } });
    },
  };
}
