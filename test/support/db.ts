// Test databases: a fresh SQLite file per test (copied from a template migrated once), or this
// run's own PostgreSQL database (made by global-setup on the TEST_PG_URL server, dropped at the
// end) emptied before use, so test runs and other users of the server never touch each other's data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup per run, so parallel runs never share (or delete) each other's files. */
export const TMP = process.env.KB_TEST_TMP ?? path.join(os.tmpdir(), 'kvarterbot-test');
export const TEMPLATE_DB = path.join(TMP, 'template.db');
/** The server (and base name) tests may use; each run makes its own database there. */
export const PG_SERVER_URL = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/test';
/** This run's own database, set by global-setup for the test workers. */
export const PG_URL = process.env.KB_TEST_PG_URL ?? PG_SERVER_URL;

/** A database name for this run on the TEST_PG_URL server: its base name, the process and a nonce. */
export function runDatabaseUrl(pid = process.pid): string {
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${url.pathname.slice(1) || 'test'}_run_${pid}_${randomUUID().slice(0, 8)}`;
  return url.toString();
}

/** Creates or drops a database on the TEST_PG_URL server (connected through its base database). */
export async function adminPostgres(sql: (name: string) => string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected test database name ${name}`);
  const client = new Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql(`"${name}"`));
  } finally {
    await client.end();
  }
}

export type DbKind = 'sqlite' | 'postgres';

export function freshSqliteUrl(): string {
  const file = path.join(TMP, `${randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  return `file:${file}`;
}

const TABLES = ['HandoffMessage', 'Handoff', 'Registration', 'Session', 'ActivityText', 'Activity', 'Resident', 'BotState', 'ProcessedActivity', 'Setting', 'KnowledgeText', 'KnowledgeEntry'];

export async function resetPostgres(url = PG_URL): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
  return url;
}

export async function freshDatabaseUrl(kind: DbKind): Promise<string> {
  return kind === 'sqlite' ? freshSqliteUrl() : resetPostgres();
}
