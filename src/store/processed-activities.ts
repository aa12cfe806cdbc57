import type { Db } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

/** Remembers handled activity ids so a retried delivery is not handled twice, across instances. */
export class ProcessedActivities {
  constructor(private readonly db: Db, private readonly fast?: SqliteFast) {}

  /** True when this key is new (and is now claimed); false when it was already handled. */
  async claim(key: string): Promise<boolean> {
    // Every turn runs this: plain SQL (same on SQLite and PostgreSQL) skips the ORM's query planning.
    const now = new Date();
    const inserted = await fastOr(
      this.fast,
      (f) => f.run('INSERT INTO "ProcessedActivity" ("key", "createdAt") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING', key, sqliteDate(now)),
      () => this.db.$executeRaw`INSERT INTO "ProcessedActivity" ("key", "createdAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`,
    );
    return inserted === 1;
  }

  /** Gives the key back when the turn failed, so the channel's retry is handled. */
  async release(key: string): Promise<void> {
    await this.db.processedActivity.deleteMany({ where: { key } });
  }

  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.db.processedActivity.deleteMany({ where: { createdAt: { lt: olderThan } } });
    return count;
  }
}
