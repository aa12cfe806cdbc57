// The staff tab's API (issue 15): rosters, attendance, the waitlist, cancellations, handoffs and
// the catalogue. Every route is behind the staff guard; every change and every read of personal
// data is audited (who, what, which record; never the data itself).
import type { Response, Server } from 'restify';
import { z } from 'zod';
import type { Catalogue } from '../domain/catalogue';
import type { RegistrationRepository } from '../domain/registrations';
import { CANCEL_REASONS, matchesSearch, type StaffChange, type StaffTabRepository } from '../domain/staff-tab';
import type { Notifier } from '../domain/notices';
import { sendNoStore as send, type StaffGuard } from './staff-auth';

export interface StaffTabDeps {
  staffTab: StaffTabRepository;
  registrations: RegistrationRepository;
  catalogue: Catalogue;
  staff: StaffGuard;
  languages: string[];
  /** Tells residents at once (src/bot/proactive.ts); kick() sends what a store wrote to the outbox. */
  notifier?: Notifier & { kick?(): void };
}

const RECENT_HANDOFF_DAYS = 14;
const reference = z.string().regex(/^[A-Z0-9]{4,12}$/);
const attendanceBody = z.object({ attended: z.boolean() });
const cancelBody = z.object({ reason: z.enum(CANCEL_REASONS) });
const line = (max: number) => z.string().trim().min(1).max(max);
const textBody = z.object({ title: line(200), description: line(4000), schedule: line(1000), bring: z.string().trim().max(1000).nullable().optional() });
const sessionBody = z
  .object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }).nullable().optional(), capacity: z.number().int().min(0).max(10_000), place: z.string().trim().max(200).nullable().optional() })
  .refine((s) => !s.endsAt || new Date(s.endsAt) > new Date(s.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });

/** A change's outcome as HTTP: 200 with the value, 404 unknown, 409 not possible now (with the seats taken, when that is why). */
function answer<T>(res: Response, outcome: StaffChange<T>): void {
  if (outcome.ok) return send(res, 200, { ok: true, ...(outcome.value ?? {}) });
  const status = outcome.reason === 'not_found' ? 404 : outcome.reason === 'invalid' ? 400 : 409;
  send(res, status, { error: outcome.reason, ...(outcome.taken === undefined ? {} : { taken: outcome.taken }) });
}

/** 400 with what is wrong: the field and zod's sentence (for scripts; the tab shows its own text). */
function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  send(res, 400, { error: 'invalid_body', field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' });
}

export function addStaffTabRoutes(server: Server, deps: StaffTabDeps): void {
  const { staff, staffTab } = deps;
  /** After a committed change to seats: the catalogue's counts are stale, and notices wait in the outbox. */
  const changed = () => {
    deps.catalogue.invalidate();
    deps.notifier?.kick?.();
  };

  server.get('/api/staff/activities', staff.route(async (req, res, who) => {
    // Sessions from yesterday on: today's roster stays reachable for attendance. No personal data,
    // but every staff route leaves a trace.
    await staff.audit(who, { action: 'activities.read', recordType: 'activity', recordId: null });
    send(res, 200, { languages: deps.languages, activities: await staffTab.activities(new Date(Date.now() - 86_400_000)) });
  }));

  server.get('/api/staff/sessions/:session/registrations', staff.route(async (req, res, who) => {
    const sessionId = String(req.params.session);
    const rows = await staffTab.roster(sessionId);
    if (!rows) return send(res, 404, { error: 'not_found' });
    const q = typeof req.query?.q === 'string' ? req.query.q.slice(0, 100) : '';
    await staff.audit(who, { action: q ? 'registrations.search' : 'registrations.read', recordType: 'session', recordId: sessionId });
    send(res, 200, { registrations: rows.filter((r) => matchesSearch(r, q)) });
  }));

  server.post('/api/staff/registrations/:reference/attendance', staff.route(async (req, res, who) => {
    const ref = reference.safeParse(req.params.reference);
    const body = attendanceBody.safeParse(req.body);
    if (!ref.success || !body.success) return invalid(res, (ref.error ?? body.error)!);
    const outcome = await staffTab.markAttendance(ref.data, body.data.attended);
    if (outcome.ok) await staff.audit(who, { action: body.data.attended ? 'registration.attended' : 'registration.absent', recordType: 'registration', recordId: ref.data });
    answer(res, outcome);
  }));

  // Moving up and cancelling: the seats, the resident's notice and the audit entry are one
  // transaction in the store; the notifier sends the notice once it is committed.
  server.post('/api/staff/registrations/:reference/promote', staff.route(async (req, res, who) => {
    const ref = reference.safeParse(req.params.reference);
    if (!ref.success) return invalid(res, ref.error);
    const outcome = await staffTab.promote(ref.data, who.id);
    if (outcome.ok) changed();
    answer(res, outcome);
  }));

  server.post('/api/staff/registrations/:reference/cancel', staff.route(async (req, res, who) => {
    const ref = reference.safeParse(req.params.reference);
    const body = cancelBody.safeParse(req.body);
    if (!ref.success || !body.success) return invalid(res, (ref.error ?? body.error)!);
    const outcome = await staffTab.cancel(ref.data, body.data.reason, who.id);
    if (outcome.ok) changed();
    answer(res, outcome);
  }));

  server.get('/api/staff/handoffs', staff.route(async (req, res, who) => {
    await staff.audit(who, { action: 'handoffs.read', recordType: 'handoff', recordId: null });
    send(res, 200, { handoffs: await staffTab.handoffs(new Date(Date.now() - RECENT_HANDOFF_DAYS * 86_400_000)) });
  }));

  server.put('/api/staff/activities/:activity/texts/:lang', staff.route(async (req, res, who) => {
    const lang = String(req.params.lang);
    if (!deps.languages.includes(lang)) return send(res, 400, { error: 'invalid_body', field: 'lang' });
    const body = textBody.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const activityId = String(req.params.activity);
    const outcome = await staffTab.saveText(activityId, lang, { ...body.data, bring: body.data.bring || null });
    if (outcome.ok) {
      deps.catalogue.invalidate();
      await staff.audit(who, { action: `catalogue.text.${lang}`, recordType: 'activity', recordId: activityId });
    }
    answer(res, outcome);
  }));

  const saveSession = (create: boolean) => staff.route(async (req, res, who) => {
    const body = sessionBody.safeParse(req.body);
    if (!body.success) return invalid(res, body.error);
    const activityId = String(req.params.activity);
    const { startsAt, endsAt, capacity, place } = body.data;
    // Moving it tells who is registered or waiting; more seats move the waitlist up; fewer seats
    // than are taken are refused (src/domain/session-edit.ts). The audit entry is in the same transaction.
    const outcome = await staffTab.saveSession(activityId, create ? null : String(req.params.session), {
      startsAt: new Date(startsAt), endsAt: endsAt ? new Date(endsAt) : null, capacity, place: place || null,
    }, who.id);
    if (outcome.ok) changed();
    answer(res, outcome);
  });
  server.post('/api/staff/activities/:activity/sessions', saveSession(true));
  server.put('/api/staff/activities/:activity/sessions/:session', saveSession(false));
}
