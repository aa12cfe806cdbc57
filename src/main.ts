// Entry point: read config, migrate the database, start serving.
import { loadConfig, ConfigError } from './config';
import { startApp } from './app';
import { createLogger, errorFields } from './log';
import { migrate } from './store/migrate';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kvarterbot: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  await migrate(config.DATABASE_URL);
  const app = await startApp(config, { logger: log });
  process.stdout.write(`kvarterbot is running: chat at http://localhost:${app.port} (messages at /api/messages)\n`);
  const stop = () => void app.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', errorFields(err)));
}

main().catch((err) => {
  process.stderr.write(`kvarterbot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
