import { randomUUID } from 'node:crypto';
import { CONSENT_VERSION, type LanguageSource, type Resident, type ResidentRepository } from '../domain/residents';
import type { Db } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

type Row = { id: string; channelId: string; channelUserId: string; language: string | null; languageSource: string | null; consentAt: Date | null; firstName: string | null; _count: { registrations: number } };

function toResident({ _count, ...r }: Row, isNew: boolean): Resident {
  return { ...r, languageSource: r.languageSource as LanguageSource | null, isNew, pendingPromotions: _count.registrations };
}

const LOOKUP_SQL = `SELECT r."id", r."channelId", r."channelUserId", r."language", r."languageSource", r."consentAt", r."firstName", r."updatedAt",
  (SELECT COUNT(*) FROM "Registration" g WHERE g."residentId" = r."id" AND g."promotionNotified" = 0) AS "pending"
  FROM "Resident" r WHERE r."channelId" = ? AND r."channelUserId" = ?`;
const CREATE_SQL = `INSERT INTO "Resident" ("id", "channelId", "channelUserId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)
  ON CONFLICT ("channelId", "channelUserId") DO NOTHING`;
const SET_LANGUAGE_SQL = 'UPDATE "Resident" SET "language" = ?, "languageSource" = ?, "updatedAt" = ? WHERE "id" = ?';

type Found = Omit<Row, '_count' | 'consentAt'> & { consentAt: Date | string | null; pending: number | bigint; updatedAt: Date | string };
const TOUCH_SQL = 'UPDATE "Resident" SET "updatedAt" = ? WHERE "id" = ?';
/** updatedAt doubles as "last seen" for the retention job (src/domain/retention.ts): refreshed at most daily. */
const TOUCH_EVERY_MS = 86_400_000;

export function prismaResidentRepository(db: Db, fast?: SqliteFast): ResidentRepository {
  return {
    async findOrCreate(channelId, channelUserId): Promise<Resident> {
      // Every turn starts here: plain SQL that SQLite and PostgreSQL both speak, one round trip.
      const lookup = async (): Promise<Row | undefined> => {
        const [found] = await fastOr<Found[]>(fast, (f) => {
          const row = f.get<Found>(LOOKUP_SQL, channelId, channelUserId);
          return row ? [row] : [];
        }, () => db.$queryRaw<Found[]>`
          SELECT r."id", r."channelId", r."channelUserId", r."language", r."languageSource", r."consentAt", r."firstName", r."updatedAt",
            (SELECT COUNT(*) FROM "Registration" g WHERE g."residentId" = r."id" AND g."promotionNotified" = ${false}) AS "pending"
          FROM "Resident" r WHERE r."channelId" = ${channelId} AND r."channelUserId" = ${channelUserId}`);
        if (!found) return undefined;
        const { pending, updatedAt, ...rest } = found;
        const now = new Date();
        if (now.getTime() - new Date(updatedAt).getTime() > TOUCH_EVERY_MS) {
          await fastOr(fast, (f) => f.run(TOUCH_SQL, sqliteDate(now), rest.id), () => db.$executeRaw`UPDATE "Resident" SET "updatedAt" = ${now} WHERE "id" = ${rest.id}`);
        }
        return { ...rest, consentAt: rest.consentAt ? new Date(rest.consentAt) : null, _count: { registrations: Number(pending) } };
      };
      const found = await lookup();
      if (found) return toResident(found, false);
      // New on this channel: insert (another instance may win the race; then theirs is read back).
      const now = new Date();
      const id = randomUUID();
      const inserted = await fastOr(
        fast,
        (f) => f.run(CREATE_SQL, id, channelId, channelUserId, sqliteDate(now), sqliteDate(now)),
        () => db.$executeRaw`INSERT INTO "Resident" ("id", "channelId", "channelUserId", "createdAt", "updatedAt")
          VALUES (${id}, ${channelId}, ${channelUserId}, ${now}, ${now}) ON CONFLICT ("channelId", "channelUserId") DO NOTHING`,
      );
      if (inserted === 1) {
        const fresh = { id, channelId, channelUserId, language: null, languageSource: null, consentAt: null, firstName: null };
        return toResident({ ...fresh, _count: { registrations: 0 } }, true);
      }
      const theirs = await lookup();
      if (!theirs) throw new Error('resident vanished right after it was created');
      return toResident(theirs, false);
    },
    async recordConsent(id, at) {
      await db.resident.update({ where: { id }, data: { consentAt: at, consentVersion: CONSENT_VERSION }, select: { id: true } });
    },
    async setLanguage(id, language, source) {
      // Often on a resident's first turn: plain SQL, like the lookup.
      const now = new Date();
      await fastOr(
        fast,
        (f) => f.run(SET_LANGUAGE_SQL, language, source, sqliteDate(now), id),
        () => db.$executeRaw`UPDATE "Resident" SET "language" = ${language}, "languageSource" = ${source}, "updatedAt" = ${now} WHERE "id" = ${id}`,
      );
    },
  };
}
