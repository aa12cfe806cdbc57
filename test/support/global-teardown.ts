import fs from 'node:fs';
import { adminPostgres } from './db';

export default async function globalTeardown(): Promise<void> {
  if (process.env.KB_TEST_TMP) fs.rmSync(process.env.KB_TEST_TMP, { recursive: true, force: true });
  // WITH (FORCE): a server a failed test left running must not keep this run's database alive.
  if (process.env.KB_TEST_PG_URL) await adminPostgres((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, process.env.KB_TEST_PG_URL);
}
