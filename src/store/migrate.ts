// Applies pending migrations with Prisma's own `migrate deploy`, at start, so a fresh machine
// needs no separate step. The CLI picks the provider from DATABASE_URL (prisma.config.ts).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../paths';

const run = promisify(execFile);

export async function migrate(databaseUrl: string, attempts = 4): Promise<void> {
  const cli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');
  for (let i = 1; ; i++) {
    try {
      await run(process.execPath, [cli, 'migrate', 'deploy'], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
        timeout: 120_000,
      });
      return;
    } catch (err) {
      // Several instances starting together queue on PostgreSQL's migration lock; try again.
      if (i >= attempts || !/advisory lock|P1002|database is locked/.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
    }
  }
}
