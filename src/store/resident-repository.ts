import { CONSENT_VERSION, type LanguageSource, type Resident, type ResidentRepository } from '../domain/residents';
import type { Db } from './prisma';

const select = { id: true, channelId: true, channelUserId: true, language: true, languageSource: true, consentAt: true, firstName: true, createdAt: true } as const;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}

export function prismaResidentRepository(db: Db): ResidentRepository {
  return {
    async findOrCreate(channelId, channelUserId): Promise<Resident> {
      const found = await db.resident.findUnique({ where: { channelId_channelUserId: { channelId, channelUserId } }, select });
      if (found) return { ...found, languageSource: found.languageSource as LanguageSource | null, isNew: false };
      try {
        const created = await db.resident.create({ data: { channelId, channelUserId }, select });
        return { ...created, languageSource: null, isNew: true };
      } catch (err) {
        // Another instance created the same resident a moment ago.
        if (!isUniqueViolation(err)) throw err;
        const again = await db.resident.findUniqueOrThrow({ where: { channelId_channelUserId: { channelId, channelUserId } }, select });
        return { ...again, languageSource: again.languageSource as LanguageSource | null, isNew: false };
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
