// Test databases: a fresh SQLite file per test (copied from a template migrated once), or the
// shared PostgreSQL test database emptied before use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup per run, so parallel runs never share (or delete) each other's files. */
export const TMP = process.env.KB_TEST_TMP ?? path.join(os.tmpdir(), 'kvarterbot-test');
export const TEMPLATE_DB = path.join(TMP, 'template.db');
export const PG_URL = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/test';

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
