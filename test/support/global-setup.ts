// Runs once before all tests: migrates a template SQLite database (copied per test) and the
// PostgreSQL test database, with Prisma's own `migrate deploy`, as `npm start` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/store/migrate';
import { adminPostgres, runDatabaseUrl } from './db';

export default async function globalSetup(): Promise<void> {
  // Test workers start after this and inherit the variable (see test/support/db.ts).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kvarterbot-test-'));
  process.env.KB_TEST_TMP = tmp;
  await migrate(`file:${path.join(tmp, 'template.db')}`);
  // This run's own PostgreSQL database: suites empty it freely, nobody else uses it.
  const pgUrl = runDatabaseUrl();
  try {
    await adminPostgres((name) => `CREATE DATABASE ${name}`, pgUrl);
    process.env.KB_TEST_PG_URL = pgUrl;
    await migrate(pgUrl);
  } catch (err) {
    throw new Error(`PostgreSQL at ${pgUrl} is needed for the tests (start it, or set TEST_PG_URL): ${(err as Error).message.split('\n')[0]}`);
  }
}
