// One Prisma client for the process, SQLite or PostgreSQL by DATABASE_URL. Both generated
// clients have the same model API; the app uses the SQLite client's type for both.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../../generated/sqlite';
import { PrismaClient as PgClient } from '../../generated/postgres';

export type Db = SqliteClient;
export type DbProvider = 'sqlite' | 'postgres';

export function createDb(url: string): { db: Db; provider: DbProvider } {
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
    return { db, provider: 'sqlite' };
  }
  const db = new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  return { db, provider: 'postgres' };
}

/** SQLite: WAL lets readers run beside the writer, and a busy timeout makes a second process wait instead of failing. */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
}
