// Builds one Prisma schema per provider from prisma/models.prisma: a datasource provider must be
// a literal, and a client generated for SQLite refuses the PostgreSQL adapter.
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { readdirSync, existsSync } = require('node:fs');
// prisma/models.prisma holds the core models; prisma/models/*.prisma (sorted) add a feature's own
// tables, so features that add tables do not edit one shared file.
const extraDir = path.join(root, 'prisma/models');
const extra = existsSync(extraDir)
  ? readdirSync(extraDir)
      .filter((f) => f.endsWith('.prisma'))
      .sort()
      .map((f) => `\n// ---- prisma/models/${f}\n` + readFileSync(path.join(extraDir, f), 'utf8'))
  : [];
const models = readFileSync(path.join(root, 'prisma/models.prisma'), 'utf8') + extra.join('');
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
