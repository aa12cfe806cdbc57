// A store test's database: fresh, of one kind, with or without the SQLite fast path (the plain-SQL
// statements of src/store/sqlite-fast.ts), so each statement is checked on every path it can take.
import { createDb, tuneSqlite, type Db, type DbProvider } from '../../src/store/prisma';
import type { SqliteFast } from '../../src/store/sqlite-fast';
import { freshDatabaseUrl, type DbKind } from './db';

/** SQLite through the fast path, SQLite through Prisma only, PostgreSQL: for `describe.each`. */
export const STORE_PATHS: [DbKind, boolean][] = [['sqlite', true], ['sqlite', false], ['postgres', false]];

/** A fresh database of this kind opened as the app opens it (src/store/prisma.ts; SQLite tuned the same way). */
export async function openFreshDb(kind: DbKind): Promise<ReturnType<typeof createDb>> {
  const made = createDb(await freshDatabaseUrl(kind));
  if (made.provider === 'sqlite') await tuneSqlite(made.db);
  return made;
}

export interface StoreUnderTest {
  db: Db;
  provider: DbProvider;
  /** Only when the fast path is under test. */
  fast?: SqliteFast;
}

/** Opens the database before the block's tests and closes it after; its fields are set from then on. */
export function storeUnderTest(kind: DbKind, useFast: boolean): StoreUnderTest {
  const store = {} as StoreUnderTest;
  let opened: SqliteFast | undefined;
  beforeAll(async () => {
    const made = await openFreshDb(kind);
    opened = made.fast;
    if (useFast) expect(made.fast).toBeDefined();
    Object.assign(store, { db: made.db, provider: made.provider, fast: useFast ? made.fast : undefined });
  });
  afterAll(async () => {
    opened?.close();
    await store.db?.$disconnect();
  });
  return store;
}
