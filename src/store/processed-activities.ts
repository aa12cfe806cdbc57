// Duplicate delivery, across instances. A channel retries an activity it could not deliver (no 200
// in time, a connection reset by a crash); the retry must run the turn only if the first try did not
// finish. So a key is claimed with a lease, renewed while the turn runs, and marked done at its end:
// a retry while the lease is alive waits a little for the outcome (done → dropped); a retry after the
// lease ran out (the process died mid-turn) takes the key over and runs the turn again. A re-run is
// safe: a confirming message finds the registration it already made by its activity id (requestKey).
import { randomUUID } from 'node:crypto';
import type { Db } from './prisma';
import { fastOr, sqliteDate, type SqliteFast } from './sqlite-fast';

export interface ProcessedActivitiesOptions {
  /** How long a claim holds without renewal; a crashed turn's retry runs at most this much later. */
  leaseMs?: number;
}

// Inserts a running claim, or takes over one whose lease ran out: 1 row changed = ours. Dates are
// compared as Prisma stores them (text of one fixed form on SQLite, timestamp on PostgreSQL).
const CLAIM_SQL =
  'INSERT INTO "ProcessedActivity" ("key", "createdAt", "status", "owner", "leaseUntil") VALUES (?, ?, \'running\', ?, ?) ' +
  'ON CONFLICT ("key") DO UPDATE SET "owner" = excluded."owner", "leaseUntil" = excluded."leaseUntil" ' +
  'WHERE "ProcessedActivity"."status" = \'running\' AND "ProcessedActivity"."leaseUntil" < excluded."createdAt"';
export const DONE_SQL = 'UPDATE "ProcessedActivity" SET "status" = \'done\', "leaseUntil" = NULL WHERE "key" = ? AND "owner" = ?';
const HOLDER_SQL = 'SELECT "status", "leaseUntil" FROM "ProcessedActivity" WHERE "key" = ?';

interface Holder {
  status: string;
  leaseUntil: Date | string | null;
}

/** A turn's hold on an activity id: renewed until `done` (the turn finished) or `release` (it failed). */
export class ActivityClaim {
  private readonly heartbeat: NodeJS.Timeout;
  /** Its done mark was handed to the turn's state write (settle). */
  settled = false;

  constructor(private readonly store: ProcessedActivities, readonly key: string, readonly owner: string, leaseMs: number) {
    this.heartbeat = setInterval(() => void store.renew(this).catch(() => undefined), Math.max(100, Math.floor(leaseMs / 3)));
    this.heartbeat.unref();
  }

  /** The turn finished: every later delivery of this activity is a duplicate. */
  done(): Promise<void> {
    clearInterval(this.heartbeat);
    return this.store.markDone(this);
  }

  /**
   * The done mark goes into the same transaction as the turn's state (StateRepository.write with
   * `finishing`): stop renewing. If that write fails, the turn fails and `release` gives the key back.
   */
  settle(): void {
    clearInterval(this.heartbeat);
    this.settled = true;
  }

  /** The turn failed: the channel's retry is handled as new. */
  release(): Promise<void> {
    clearInterval(this.heartbeat);
    return this.store.release(this);
  }
}

export class ProcessedActivities {
  readonly leaseMs: number;

  constructor(private readonly db: Db, private readonly fast?: SqliteFast, opts: ProcessedActivitiesOptions = {}) {
    this.leaseMs = opts.leaseMs ?? 15_000;
  }

  /**
   * A claim when this delivery is to be handled; null when it was handled already, or when another
   * turn still holds it after waiting about one lease (that turn is alive: it kept renewing).
   */
  async claim(key: string): Promise<ActivityClaim | null> {
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.leaseMs + 1000;
    for (;;) {
      if (await this.tryClaim(key, owner)) return new ActivityClaim(this, key, owner, this.leaseMs);
      const holder = await this.holder(key);
      if (holder?.status === 'done') return null;
      const now = Date.now();
      if (now >= giveUpAt) return null;
      // Look again when the lease runs out, or sooner (the turn may finish), at most once a second.
      const leaseLeft = holder?.leaseUntil ? new Date(holder.leaseUntil).getTime() - now : 0;
      await sleep(Math.min(Math.max(leaseLeft + 20, 20), 1000, giveUpAt - now));
    }
  }

  private async tryClaim(key: string, owner: string): Promise<boolean> {
    // Every turn runs this: plain SQL (same on SQLite and PostgreSQL) skips the ORM's query planning.
    const now = new Date();
    const until = new Date(now.getTime() + this.leaseMs);
    const changed = await fastOr(
      this.fast,
      (f) => f.run(CLAIM_SQL, key, sqliteDate(now), owner, sqliteDate(until)),
      () => this.db.$executeRaw`INSERT INTO "ProcessedActivity" ("key", "createdAt", "status", "owner", "leaseUntil")
        VALUES (${key}, ${now}, 'running', ${owner}, ${until})
        ON CONFLICT ("key") DO UPDATE SET "owner" = excluded."owner", "leaseUntil" = excluded."leaseUntil"
        WHERE "ProcessedActivity"."status" = 'running' AND "ProcessedActivity"."leaseUntil" < excluded."createdAt"`,
    );
    return changed === 1;
  }

  private async holder(key: string): Promise<Holder | undefined> {
    return fastOr(
      this.fast,
      (f) => f.get<Holder>(HOLDER_SQL, key),
      async () => (await this.db.$queryRaw<Holder[]>`SELECT "status", "leaseUntil" FROM "ProcessedActivity" WHERE "key" = ${key}`)[0],
    );
  }

  /** Every turn ends with this (plain SQL, as the claim). A no-op when another turn took the key over. */
  async markDone(claim: ActivityClaim): Promise<void> {
    await fastOr(
      this.fast,
      (f) => f.run(DONE_SQL, claim.key, claim.owner),
      () => this.db.$executeRaw`UPDATE "ProcessedActivity" SET "status" = 'done', "leaseUntil" = NULL WHERE "key" = ${claim.key} AND "owner" = ${claim.owner}`,
    );
  }

  /** Extends a running claim; a no-op once it is done or was taken over. */
  async renew(claim: ActivityClaim): Promise<void> {
    await this.db.processedActivity.updateMany({
      where: { key: claim.key, owner: claim.owner, status: 'running' },
      data: { leaseUntil: new Date(Date.now() + this.leaseMs) },
    });
  }

  /** Gives the key back when the turn failed, so the channel's retry is handled; only while it is ours. */
  async release(claim: ActivityClaim): Promise<void> {
    await this.db.processedActivity.deleteMany({ where: { key: claim.key, owner: claim.owner, status: 'running' } });
  }

  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.db.processedActivity.deleteMany({ where: { createdAt: { lt: olderThan } } });
    return count;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
