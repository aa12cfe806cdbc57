// The HTTP edge: parse, call, answer. No programme rules here.
import restify, { type Request, type Response, type Server } from 'restify';
import type { BotHandler } from '../bot';
import type { Catalogue } from '../domain/catalogue';
import { textFor, seatsLeft } from '../domain/catalogue';
import type { I18n } from '../i18n';
import type { Logger } from '../log';
import { errorFields } from '../log';
import type { ParseResult } from '../understanding';
import { jsonBodies } from './body';
import { allow, clientIp, type RateLimiter } from './rate-limit';
import { securityHeaders } from './headers';
import { activityBody, parseBody } from './schemas';
import { addAuditRoute, addStaffRoutes } from './staff-routes';
import { addStaffKnowledgeRoutes, type StaffKnowledgeDeps } from './staff-knowledge-routes';
import type { StaffGuard } from './staff-auth';
import { addStaffTabRoutes } from './staff-tab-routes';
import { addStaffClosedDaysRoutes } from './staff-closed-days-routes';
import type { ClosedDayRepository } from '../domain/closed-days';
import { addTabPage } from './tab-page';
import type { StaffTabRepository } from '../domain/staff-tab';
import type { Notifier } from '../domain/notices';
import type { AuditLog } from '../domain/audit';
import { addCalendarRoute } from './calendar';
import { addWebChatRoutes, type WebChatSettings } from './web-chat';
import { addLegalPages } from './legal-pages';
import { addGuardianPage } from './guardian-page';
import { addStaffGuardianRoutes } from './staff-guardian-routes';
import type { GuardianRepository } from '../domain/guardian';
import { addStaffPrivacyRoutes } from './staff-privacy-routes';
import type { PrivacyRepository } from '../domain/privacy';
import type { RetentionPolicy } from '../domain/retention';
import type { RegistrationRepository } from '../domain/registrations';

export interface HttpDeps {
  registrations: RegistrationRepository;
  /** The guardian's yes: the parent's page (guardian-page.ts) and staff's confirmation (staff-guardian-routes.ts). */
  guardians?: GuardianRepository;
  /** Who may use /api/staff/* (src/http/staff-auth.ts), and the audit trail of what they did. */
  staff: StaffGuard;
  audit: AuditLog;
  /** The staff tab's reads and changes (issue 15); without it the tab's API is not served. */
  staffTab?: StaffTabRepository;
  /** The closed days staff set (staff-closed-days-routes.ts); without it those routes are not served. */
  closedDays?: ClosedDayRepository;
  /** Tells residents at once (src/bot/proactive.ts), e.g. that staff cancelled their registration. */
  notifier?: Notifier & { kick?(): void };
  /** A resident's export and erasure (staff-privacy-routes.ts), and the periods /privacy states. */
  privacy?: PrivacyRepository;
  retention?: RetentionPolicy;
  /** The knowledge staff read and edit, and the questions nobody could answer (staff-knowledge-routes.ts). */
  knowledgeStaff?: Omit<StaffKnowledgeDeps, 'staff'>;
  bot: BotHandler;
  catalogue: Catalogue;
  i18n: I18n;
  parse: (text: string, lang?: string) => Promise<ParseResult>;
  healthy: () => Promise<boolean>;
  /** False while no Teams staff channel is known (handoffs cannot reach staff). */
  staffChannel?: () => Promise<boolean>;
  maxBodyBytes: number;
  log: Logger;
  webChat: WebChatSettings;
  limiter: RateLimiter;
  /** How many proxies in front add X-Forwarded-For (src/http/rate-limit.ts). */
  trustProxy: number;
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.json(body);
}

export function createServer(deps: HttpDeps): Server {
  const log = deps.log.child({ mod: 'http' });
  const server = restify.createServer({ name: 'kvarterbot', handleUncaughtExceptions: false });
  // pre: before routing, so 404s and 405s carry them too.
  server.pre(securityHeaders);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Our own reader, not restify's bodyParser: JSON only, inflated safely, limited after inflation (body.ts).
  server.use(jsonBodies(deps.maxBodyBytes, ['/guardian/']));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = activityBody.safeParse(req.body);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid_activity', field: parsed.error.issues[0]?.path.join('.') });
      return;
    }
    try {
      await deps.bot.process(req, res);
    } catch (err) {
      log.error('message handling failed', errorFields(err));
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const ok = await deps.healthy().catch(() => false);
    if (!ok) return sendJson(res, 503, { status: 'unavailable' });
    // Degraded, not down: residents are answered, but nobody can be reached through the chat.
    const staffChannel = deps.staffChannel ? await deps.staffChannel().catch(() => false) : true;
    sendJson(res, 200, staffChannel ? { status: 'ok' } : { status: 'degraded', staffChannel: 'missing' });
  });

  server.post('/api/parse', async (req: Request, res: Response) => {
    // With an LLM configured each call is a paid model call.
    if (!(await allow(deps.limiter, 'parse', clientIp(req, deps.trustProxy), res))) return;
    const parsed = parseBody.safeParse(req.body);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid_body', field: parsed.error.issues[0]?.path.join('.') });
      return;
    }
    sendJson(res, 200, await deps.parse(parsed.data.text, parsed.data.lang));
  });

  server.get('/api/activities', async (req: Request, res: Response) => {
    const wanted = typeof req.query?.lang === 'string' ? req.query.lang : deps.i18n.fallback;
    const lang = deps.i18n.languages.includes(wanted) ? wanted : deps.i18n.fallback;
    const activities = await deps.catalogue.all();
    sendJson(res, 200, {
      lang,
      activities: activities.map((a) => ({
        id: a.id, category: a.category, audience: a.audience, minAge: a.minAge, maxAge: a.maxAge, place: a.place, contact: a.contact,
        ...textFor(a, lang, deps.i18n.fallback),
        // The offer's last day (null: no end set) and, for a course booked whole, its number of meetings.
        endsOn: a.endsOn ?? null, seriesMeetings: a.seriesMeetings ?? null,
        // A course's meetings carry their run (the id to book and the calendar file's); seats are the run's.
        sessions: a.sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity, seatsLeft: seatsLeft(s), seriesId: s.seriesId ?? null })),
      })),
    });
  });

  addStaffRoutes(server, deps);
  addAuditRoute(server, deps);
  if (deps.staffTab) addStaffTabRoutes(server, { ...deps, staffTab: deps.staffTab, languages: deps.i18n.languages });
  addTabPage(server, deps);
  if (deps.closedDays) addStaffClosedDaysRoutes(server, { ...deps, closedDays: deps.closedDays });
  if (deps.privacy) addStaffPrivacyRoutes(server, { staff: deps.staff, privacy: deps.privacy });
  if (deps.knowledgeStaff) addStaffKnowledgeRoutes(server, { staff: deps.staff, ...deps.knowledgeStaff });
  addCalendarRoute(server, deps);
  addWebChatRoutes(server, deps);
  addLegalPages(server, deps);
  if (deps.guardians) {
    addGuardianPage(server, { ...deps, guardians: deps.guardians });
    addStaffGuardianRoutes(server, { ...deps, guardians: deps.guardians });
  }

  // Malformed JSON, too large bodies and unknown routes answer with a status, never a crash.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, next: (e?: unknown) => void) => {
    if ((err.statusCode ?? 500) >= 500) log.error('request failed', { path: req.path(), ...errorFields(err) });
    return next();
  });
  return server;
}
