// Composition: config → database → services → bot → HTTP server. Used by main.ts and by tests.
import type { AddressInfo } from 'node:net';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from './config';
import { createBot } from './bot';
import { Catalogue } from './domain/catalogue';
import { createServer } from './http/server';
import { closable, listen } from './http/shutdown';
import { createRateLimiter, type Rates } from './http/rate-limit';
import { webChatSettings } from './http/web-chat';
import { createI18n, defaultLocalesDir } from './i18n';
import { createLogger, errorFields, type Logger } from './log';
import { prismaCatalogueRepository } from './store/catalogue-repository';
import { prismaClosedDayRepository } from './store/closed-day-repository';
import { prismaHandoffRepository } from './store/handoff-repository';
import { prismaSettingsRepository } from './store/settings-repository';
import { prismaAuditLog } from './store/audit-repository';
import { anyOf, staffGuard, staticTokenAuthenticator } from './http/staff-auth';
import { ssoAuthenticator, staffSsoSettings } from './http/staff-sso';
import { prismaStaffTabRepository } from './store/staff-tab-repository';
import { createDb, tuneSqlite, type Db } from './store/prisma';
import { ProcessedActivities } from './store/processed-activities';
import { prismaResidentRepository } from './store/resident-repository';
import { prismaRegistrationRepository } from './store/registration-repository';
import { prismaNoticeOutbox } from './store/notice-outbox';
import { prismaGuardianRepository } from './store/guardian-repository';
import { releaseOverdue } from './domain/guardian';
import { prismaPrivacyRepository } from './store/privacy-repository';
import { retentionJob } from './store/retention-repository';
import type { RetentionPolicy, RetentionReport } from './domain/retention';
import { programmeEndsOn, readCatalogue, seedCatalogue } from './store/seed';
import { readKnowledge, readKnowledgeOverrides, seedKnowledge } from './store/knowledge-seed';
import { prismaKnowledgeRepository, prismaUnansweredLog } from './store/knowledge-repository';
import { Knowledge } from './domain/knowledge';
import { rankerWords } from './understanding/knowledge';
import { createLlmAnswerer } from './understanding/llm';
import { KnowledgeAnswers } from '../dialogs/knowledge';
import { StateRepository } from './store/state-repository';
import { createUnderstandingService } from './understanding/service';

export interface App {
  url: string;
  port: number;
  db: Db;
  /** Posts due handoff cards and reminders now (the timer does it too); returns how many. */
  renotifyHandoffs(now?: Date): Promise<number>;
  /** Sends due proactive messages now (the retry timer does it too); returns how many went. */
  sendNotices(now?: Date): Promise<number>;
  /** Releases seats whose guardian did not answer in time (the timer does it too); returns how many. */
  releaseOverdueGuardians(now?: Date): Promise<number>;
  /** Runs the retention job now if it is due at `now` and no other instance has it (src/domain/retention.ts). */
  runRetention(now?: Date): Promise<RetentionReport | null>;
  close(): Promise<void>;
}

export interface AppOptions {
  localesDir?: string;
  credentialsFactory?: ServiceClientCredentialsFactory;
  logger?: Logger;
}

/** How long requests in flight may take to finish when the server stops (see http/shutdown.ts). */
const CLOSE_GRACE_MS = 5_000;

export async function startApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.logger ?? createLogger(config.LOG_LEVEL);
  const { db, provider, fast, pool } = createDb(config.DATABASE_URL);
  if (provider === 'sqlite') await tuneSqlite(db);
  // The programme's end: the deployment's PROGRAMME_ENDS_ON, else the catalogue file's (prisma/catalogue.json).
  const programmeEnd = programmeEndsOn(readCatalogue(), config.PROGRAMME_ENDS_ON);
  if (config.SEED_CATALOGUE) await seedCatalogue(db, undefined, new Date(), { programmeEndsOn: programmeEnd });
  // The plan, practical facts and referrals: the seed, with the deployment's values on top.
  await seedKnowledge(db, readKnowledge(), config.KNOWLEDGE_FILE ? readKnowledgeOverrides(config.KNOWLEDGE_FILE) : undefined);

  const localesDir = opts.localesDir ?? defaultLocalesDir;
  const i18n = createI18n({ localesDir, fallback: config.DEFAULT_LANGUAGE });
  const catalogue = new Catalogue(prismaCatalogueRepository(db, { programmeEndsOn: programmeEnd }));
  const understanding = await createUnderstandingService(config, { localesDir, catalogue, log });
  const residents = prismaResidentRepository(db, fast);
  const processed = new ProcessedActivities(db, fast, { leaseMs: config.ACTIVITY_LEASE_MS });
  // A promotion from the waitlist writes its notice in the same transaction; the notifier sends it at once.
  let noticesWritten = (): void => undefined;
  const registrationOptions = { guardianAnswerHours: config.GUARDIAN_ANSWER_HOURS, noticesWritten: () => noticesWritten() };
  const registrations = prismaRegistrationRepository(db, provider, registrationOptions);
  const guardians = prismaGuardianRepository(db, provider, registrationOptions);
  // Residents' access and erasure (chat and staff API), and the retention job (issue 14).
  const privacy = prismaPrivacyRepository(db, registrations);
  const retention = retentionJob(db, retentionPolicy(config), log.child({ mod: 'retention' }));
  const knowledgeRepo = prismaKnowledgeRepository(db);
  const knowledgeBase = new Knowledge(knowledgeRepo);
  const unanswered = prismaUnansweredLog(db, fast);
  // With an LLM configured, questions nobody understood get an answer written from the knowledge (checked).
  const llmAnswers =
    config.OPENAI_API_KEY || config.OPENAI_BASE_URL
      ? createLlmAnswerer({ apiKey: config.OPENAI_API_KEY, baseUrl: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS })
      : undefined;
  const knowledge = new KnowledgeAnswers(knowledgeBase, rankerWords(localesDir), unanswered, llmAnswers);

  // Rate limits: in PostgreSQL when the bot runs on it (shared by every instance), else in memory.
  const limiter = await createRateLimiter(rates(config), { pool });
  const bot = createBot(
    config,
    {
      catalogue, i18n, residents, registrations, guardians, privacy, retention: retentionPolicy(config), log, now: () => new Date(),
      publicUrl: config.PUBLIC_URL,
      programmeContact: config.PROGRAMME_CONTACT,
      knowledge,
      parse: (text, hint) => understanding.parse(text, hint),
      knownWord: (word) => understanding.knownWord(word),
      threshold: understanding.threshold,
      state: new StateRepository(db, fast),
      processed,
    },
    opts.credentialsFactory,
    { handoffs: prismaHandoffRepository(db, provider, fast), settings: prismaSettingsRepository(db, fast) },
    (name, key) => limiter.take(name, key),
    prismaNoticeOutbox(db, fast),
  );
  noticesWritten = () => bot.notifier?.kick();
  const audit = prismaAuditLog(db);
  // Staff API: the Teams SSO token (the tab) or the static token (scripts, local use).
  const sso = staffSsoSettings(config);
  const staffAuth = sso ? anyOf(ssoAuthenticator(sso, log), staticTokenAuthenticator(config.STAFF_API_TOKEN)) : staticTokenAuthenticator(config.STAFF_API_TOKEN);
  const server = createServer({
    bot, catalogue, i18n, registrations, guardians, audit, privacy, retention: retentionPolicy(config),
    staff: staffGuard(staffAuth, audit),
    closedDays: prismaClosedDayRepository(db),
    staffTab: prismaStaffTabRepository(db, provider, { ...registrationOptions, tenantId: sso?.tenantId }),
    notifier: bot.notifier,
    knowledgeStaff: { knowledgeAdmin: knowledgeRepo, unanswered, languages: i18n.languages, knowledgeChanged: () => knowledgeBase.invalidate() },
    parse: (text, lang) => understanding.parse(text, { lang }),
    healthy: async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return true;
    },
    staffChannel: bot.handoff ? () => bot.handoff!.staffReachable() : undefined,
    maxBodyBytes: config.MAX_BODY_BYTES,
    log,
    limiter,
    trustProxy: config.TRUST_PROXY,
    webChat: await webChatSettings(config, localesDir, {
      read: async (key) => (await db.setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null,
      create: async (key, value) => void (await db.setting.create({ data: { key, value } })),
    }),
  });
  // Old duplicate-detection keys are useless after a day: channels retry within minutes.
  const prune = setInterval(() => void processed.prune(new Date(Date.now() - 86_400_000)).catch(() => undefined), 3_600_000);
  prune.unref();
  await retention.run();
  retention.start();

  bot.handoff?.start();
  bot.notifier?.start(config.NOTICE_RETRY_SECONDS * 1000);
  // A seat waiting for a guardian's yes past GUARDIAN_ANSWER_HOURS goes to the waitlist (each request is claimed once).
  const releaseGuardians = async (now = new Date()) => {
    const released = await releaseOverdue(guardians, now);
    if (released) catalogue.invalidate();
    return released;
  };
  const guardianTimer = setInterval(() => void releaseGuardians().catch((err) => log.error('guardian timeout job failed', errorFields(err))), 60_000);
  guardianTimer.unref();

  const closer = closable(server.server);
  /** Stops the timers and the server, then lets go of the database. */
  const stop = async () => {
    clearInterval(prune);
    clearInterval(guardianTimer);
    await bot.notifier?.stop();
    retention.stop();
    await bot.handoff?.stop();
    await closer.close(CLOSE_GRACE_MS);
    fast?.close();
    await db.$disconnect();
  };
  try {
    await listen(server.server, config.PORT, config.HOST, server);
  } catch (err) {
    await stop();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  log.info('listening', { port, database: provider, host: config.HOST });
  if (!config.MICROSOFT_APP_ID && config.ALLOW_UNAUTHENTICATED_PUBLIC) {
    log.warn('UNAUTHENTICATED and reachable from other machines (ALLOW_UNAUTHENTICATED_PUBLIC=true): anyone who reaches this port can post activities as any channel and resident. For local development only; set MICROSOFT_APP_ID in production', { host: config.HOST });
  }
  if (sso && config.STAFF_API_TOKEN) {
    log.warn('STAFF_API_TOKEN is set alongside Teams SSO: whoever holds it reads all registrations without signing in; keep it for scripts, rotate it, or unset it', {});
  }
  if (bot.handoff && !(await bot.handoff.staffReachable())) {
    log.warn('no staff channel: residents who ask for a person are given PROGRAMME_CONTACT; install the Teams app in the staff channel or set STAFF_TEAMS_CHANNEL_ID', {
      programmeContact: config.PROGRAMME_CONTACT ? 'set' : 'missing',
    });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    renotifyHandoffs: async (now) => (bot.handoff ? bot.handoff.renotifyDue(now) : 0),
    sendNotices: async (now) => (bot.notifier ? bot.notifier.flush(now) : 0),
    releaseOverdueGuardians: releaseGuardians,
    runRetention: (now) => retention.run(now),
    close: stop,
  };
}

/** The periods the retention job keeps to; /privacy and the README show the same values. */
export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    afterEndDays: config.RETENTION_AFTER_END_DAYS, maxMonths: config.RETENTION_MAX_MONTHS,
    idleDays: config.RETENTION_IDLE_DAYS, transcriptDays: config.RETENTION_TRANSCRIPT_DAYS,
  };
}

function rates(config: Config): Rates {
  return {
    message: config.RATE_LIMIT_MESSAGES,
    handoff: config.RATE_LIMIT_HANDOFFS,
    handoffIp: config.RATE_LIMIT_HANDOFFS_PER_IP,
    directlineToken: config.RATE_LIMIT_DIRECTLINE_PER_IP,
    directlineConversation: config.RATE_LIMIT_DIRECTLINE_PER_IP,
    parse: config.RATE_LIMIT_PARSE_PER_IP,
    webChatToken: config.RATE_LIMIT_WEB_CHAT_TOKEN_PER_IP,
  };
}
