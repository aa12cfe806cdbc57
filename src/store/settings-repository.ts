// Small key/value settings shared by every instance (e.g. the staff channel learnt from Teams).
import type { SettingsRepository } from '../domain/handoffs';
import type { Db } from './prisma';

export function prismaSettingsRepository(db: Db): SettingsRepository {
  return {
    async get(key) {
      const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
      return row?.value ?? null;
    },
    async set(key, value) {
      await db.setting.upsert({ where: { key }, create: { key, value }, update: { value }, select: { key: true } });
    },
    async delete(key) {
      await db.setting.deleteMany({ where: { key } });
    },
  };
}
