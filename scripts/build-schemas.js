// Builds one Prisma schema per provider from prisma/models.prisma: a datasource provider must be
// a literal, and a client generated for SQLite refuses the PostgreSQL adapter.
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const models = readFileSync(path.join(root, 'prisma/models.prisma'), 'utf8');
for (const [dir, provider, urlEnv] of [
  ['sqlite', 'sqlite', 'SQLITE_URL'],
  ['postgres', 'postgresql', 'PG_URL'],
]) {
  mkdirSync(path.join(root, 'prisma', dir), { recursive: true });
  writeFileSync(
    path.join(root, 'prisma', dir, 'schema.prisma'),
    `// GENERATED from prisma/models.prisma by scripts/build-schemas.js - do not edit
generator client {
  provider   = "prisma-client-js"
  engineType = "client"
  output     = "../../generated/${dir}"
}

datasource db {
  provider = "${provider}"
  url      = env("${urlEnv}")
}

` + models,
  );
}
