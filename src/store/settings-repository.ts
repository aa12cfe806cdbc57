// Small key/value settings shared by every instance (e.g. the staff channel learnt from Teams).
// `get` runs on every message relayed to a staff thread (where is the channel?): plain SQL (decision 002).
import type { SettingsRepository } from '../domain/handoffs';
import type { Db } from './prisma';
import { fastOr, type SqliteFast } from './sqlite-fast';

export function prismaSettingsRepository(db: Db, fast?: SqliteFast): SettingsRepository {
  return {
    async get(key) {
      type Value = { value: string };
      const [row] = await fastOr<Value[]>(
        fast,
        (f) => {
          const r = f.get<Value>('SELECT "value" FROM "Setting" WHERE "key" = ?', key);
          return r ? [r] : [];
        },
        () => db.$queryRaw<Value[]>`SELECT "value" FROM "Setting" WHERE "key" = ${key}`,
      );
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
