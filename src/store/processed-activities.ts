import type { Db } from './prisma';

/** Remembers handled activity ids so a retried delivery is not handled twice, across instances. */
export class ProcessedActivities {
  constructor(private readonly db: Db) {}

  /** True when this key is new (and is now claimed); false when it was already handled. */
  async claim(key: string): Promise<boolean> {
    try {
      await this.db.processedActivity.create({ data: { key }, select: { key: true } });
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
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
