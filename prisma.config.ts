// Prisma CLI configuration. The provider follows DATABASE_URL: file:… is SQLite, postgres… is
// PostgreSQL. Prisma 6.19's JS engine with driver adapters works offline (no engine download).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
// @ts-expect-error pg internals have no type declarations
import PgResult from 'pg/lib/result.js';

// The CLI still resolves native engines unless these name an existing file.
const dummy = path.resolve(__dirname, 'prisma.config.ts');
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= dummy;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= dummy;

// prisma/orm#27403: adapter-pg cannot read the `name`/"char" column types migrate queries. Report them as text.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
const addFields = PgResult.prototype.addFields;
PgResult.prototype.addFields = function (fields: Array<{ dataTypeID: number }>) {
  for (const f of fields) f.dataTypeID = AS_TEXT[f.dataTypeID] ?? f.dataTypeID;
  return addFields.call(this, fields);
};

const url = process.env.DATABASE_URL || 'file:./data/kvarterbot.db';
const provider = process.env.DB_PROVIDER ?? (/^postgres(ql)?:/.test(url) ? 'postgres' : 'sqlite');
// The schema's env() must resolve even though the adapter below is what connects.
process.env.SQLITE_URL ??= provider === 'sqlite' ? url : 'file:./unused.db';
process.env.PG_URL ??= provider === 'postgres' ? url : 'postgresql://unused@127.0.0.1/unused';

function pgConfig(u: URL) {
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', provider, 'schema.prisma'),
  migrations: { path: path.join('prisma', provider, 'migrations') },
  adapter: async () => {
    if (provider === 'postgres') return new PrismaPg(pgConfig(new URL(url)));
    const file = url.replace(/^file:/, '');
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
