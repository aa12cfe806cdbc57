// Key/value documents with an eTag, for botbuilder's conversation and user state.
import { randomUUID } from 'node:crypto';
import type { Db } from './prisma';

export interface StateDocument { data: string; etag: string }

export class EtagConflict extends Error {
  readonly code = 'ETAG_CONFLICT';
}

export class StateRepository {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<Map<string, StateDocument>> {
    if (!keys.length) return new Map();
    const rows = await this.db.botState.findMany({ where: { key: { in: keys } }, select: { key: true, data: true, etag: true } });
    return new Map(rows.map((r) => [r.key, { data: r.data, etag: r.etag }]));
  }

  /**
   * Writes a document. With `expectedEtag` the write succeeds only if nobody else wrote since it was
   * read (`null` means: only if it does not exist yet). Returns the new eTag.
   */
  async write(key: string, data: string, expectedEtag: string | null | undefined): Promise<string> {
    const etag = randomUUID();
    if (expectedEtag === undefined || expectedEtag === '*') {
      await this.db.botState.upsert({ where: { key }, create: { key, data, etag }, update: { data, etag }, select: { key: true } });
      return etag;
    }
    if (expectedEtag === null) {
      try {
        await this.db.botState.create({ data: { key, data, etag }, select: { key: true } });
        return etag;
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') throw new EtagConflict(`state ${key} was created concurrently`);
        throw err;
      }
    }
    const { count } = await this.db.botState.updateMany({ where: { key, etag: expectedEtag }, data: { data, etag } });
    if (count === 0) throw new EtagConflict(`state ${key} changed since it was read`);
    return etag;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
