// The statements every turn runs, straight on better-sqlite3 with cached prepared statements:
// through Prisma's adapter each costs ~0.25 ms of planning and preparing, here ~0.02 ms.
// A second connection to the same file (WAL) with no busy wait: if Prisma holds the write lock in
// a transaction, a write here fails at once with SQLITE_BUSY and the caller takes the Prisma path
// (waiting synchronously would stall the event loop that must finish that transaction).
import Database from 'better-sqlite3';

type Param = string | number | null;

export class SqliteFast {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 0');
    // As on Prisma's connection (tuneSqlite): WAL with NORMAL survives a crash of the process.
    this.db.pragma('synchronous = NORMAL');
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  get<T>(sql: string, ...params: Param[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, ...params: Param[]): number {
    return this.statement(sql).run(...params).changes;
  }

  /**
   * Runs `body` as one write transaction (BEGIN IMMEDIATE): all or nothing. With no busy wait, a
   * write lock held by Prisma makes it fail at once with SQLITE_BUSY (callers take the Prisma path).
   */
  transaction<T>(body: () => T): T {
    return this.db.transaction(body).immediate();
  }

  close(): void {
    this.db.close();
  }
}

/** Prisma's text form of a DateTime in SQLite. */
export function sqliteDate(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY');
}

/** Runs `fast` when there is a fast path and it is not blocked by a Prisma transaction, else `slow`. */
export async function fastOr<T>(fast: SqliteFast | undefined, onFast: (f: SqliteFast) => T, slow: () => Promise<T>): Promise<T> {
  if (!fast) return slow();
  try {
    return onFast(fast);
  } catch (err) {
    if (isBusy(err)) return slow();
    throw err;
  }
}
