// One Prisma client for the process, SQLite or PostgreSQL by DATABASE_URL. Both generated
// clients have the same model API; the app uses the SQLite client's type for both.
import fs from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { PrismaClient as SqliteClient } from '../../generated/sqlite';
import { SqliteFast } from './sqlite-fast';
import { projectRoot } from '../paths';

export type Db = SqliteClient;
export type DbProvider = 'sqlite' | 'postgres';

export function createDb(url: string): { db: Db; provider: DbProvider; fast?: SqliteFast; pool?: Pool } {
  // Each generated client carries its own query compiler: load only the one in use (memory).
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { PrismaClient } = require(path.join(projectRoot, 'generated', 'sqlite')) as typeof import('../../generated/sqlite');
    const { PrismaBetterSQLite3 } = require('@prisma/adapter-better-sqlite3') as typeof import('@prisma/adapter-better-sqlite3');
    const fast = file === ':memory:' ? undefined : new SqliteFast(path.resolve(file));
    return { db: new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) }), provider: 'sqlite', fast };
  }
  const { PrismaClient } = require(path.join(projectRoot, 'generated', 'postgres')) as typeof import('../../generated/postgres');
  const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
  // Our own pool, so the rate limits (src/http/rate-limit.ts) share its connections; Prisma ends it on $disconnect.
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({ connectionString: url, max: 10 });
  return { db: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db, provider: 'postgres', pool };
}

/** SQLite: WAL lets readers run beside the writer, and a busy timeout makes a second process wait instead of failing. */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
}
