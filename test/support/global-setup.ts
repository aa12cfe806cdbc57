// Runs once before all tests: migrates a template SQLite database (copied per test) and the
// PostgreSQL test database, with Prisma's own `migrate deploy`, as `npm start` does.
import fs from 'node:fs';
import { migrate } from '../../src/store/migrate';
import { PG_URL, TEMPLATE_DB, TMP } from './db';

export default async function globalSetup(): Promise<void> {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  await migrate(`file:${TEMPLATE_DB}`);
  try {
    await migrate(PG_URL);
  } catch (err) {
    throw new Error(`PostgreSQL at ${PG_URL} is needed for the tests (start it, or set TEST_PG_URL): ${(err as Error).message.split('\n')[0]}`);
  }
}
