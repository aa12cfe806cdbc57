// Key/value documents with an eTag, for botbuilder's conversation and user state.
// Read and written on every turn, so in plain SQL that SQLite and PostgreSQL both speak.
import { randomUUID } from 'node:crypto';
import type { Db } from './prisma';
import { DONE_SQL } from './processed-activities';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

export interface StateDocument { data: string; etag: string }

/** A claimed activity (ProcessedActivities) to mark done in the same transaction as a state write. */
export interface Finishing { key: string; owner: string }

const UPSERT_SQL = `INSERT INTO "BotState" ("key", "data", "etag", "updatedAt") VALUES (?, ?, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "etag" = excluded."etag", "updatedAt" = excluded."updatedAt"`;

export class EtagConflict extends Error {
  readonly code = 'ETAG_CONFLICT';
}

export class StateRepository {
  constructor(private readonly db: Db, private readonly fast?: SqliteFast) {}

  async read(keys: string[]): Promise<Map<string, StateDocument>> {
    if (!keys.length) return new Map();
    // One key per turn in practice (the conversation); a query per key keeps the SQL the same everywhere.
    type Doc = { key: string; data: string; etag: string };
    const rows = (
      await Promise.all(
        keys.map((k) =>
          fastOr<Doc[]>(
            this.fast,
            (f) => {
              const row = f.get<Doc>('SELECT "key", "data", "etag" FROM "BotState" WHERE "key" = ?', k);
              return row ? [row] : [];
            },
            () => this.db.$queryRaw<Doc[]>`SELECT "key", "data", "etag" FROM "BotState" WHERE "key" = ${k}`,
          ),
        ),
      )
    ).flat();
    return new Map(rows.map((r) => [r.key, { data: r.data, etag: r.etag }]));
  }

  /**
   * Writes a document. With `expectedEtag` the write succeeds only if nobody else wrote since it was
   * read (`null` means: only if it does not exist yet). Returns the new eTag. An overwrite (no eTag or
   * '*', as botbuilder's ConversationState saves) with `finishing` also marks that activity done, in
   * one transaction: the end of a turn is one commit, and a crash leaves both or neither.
   */
  async write(key: string, data: string, expectedEtag: string | null | undefined, finishing?: Finishing): Promise<string> {
    const etag = randomUUID();
    const now = new Date();
    if (expectedEtag === undefined || expectedEtag === '*') {
      const upsert = () => this.db.$executeRaw`INSERT INTO "BotState" ("key", "data", "etag", "updatedAt") VALUES (${key}, ${data}, ${etag}, ${now})
          ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "etag" = excluded."etag", "updatedAt" = excluded."updatedAt"`;
      if (!finishing) {
        await fastOr(this.fast, (f) => f.run(UPSERT_SQL, key, data, etag, sqliteDate(now)), upsert);
        return etag;
      }
      await fastOr(
        this.fast,
        (f) =>
          f.transaction(() => {
            f.run(UPSERT_SQL, key, data, etag, sqliteDate(now));
            f.run(DONE_SQL, finishing.key, finishing.owner);
          }),
        async () => {
          await this.db.$transaction([
            upsert(),
            this.db.$executeRaw`UPDATE "ProcessedActivity" SET "status" = 'done', "leaseUntil" = NULL WHERE "key" = ${finishing.key} AND "owner" = ${finishing.owner}`,
          ]);
        },
      );
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
    const count = await fastOr(
      this.fast,
      (f) => f.run('UPDATE "BotState" SET "data" = ?, "etag" = ?, "updatedAt" = ? WHERE "key" = ? AND "etag" = ?', data, etag, sqliteDate(now), key, expectedEtag),
      () => this.db.$executeRaw`UPDATE "BotState" SET "data" = ${data}, "etag" = ${etag}, "updatedAt" = ${now} WHERE "key" = ${key} AND "etag" = ${expectedEtag}`,
    );
    if (count === 0) throw new EtagConflict(`state ${key} changed since it was read`);
    return etag;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
