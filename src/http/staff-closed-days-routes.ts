// Closed days staff set (issue 13). Behind the staff guard and audited. JSON shapes (the staff tab
// builds on them); days are Copenhagen calendar days written "YYYY-MM-DD":
//
// GET /api/staff/closed-days[?from=2026-12-01]                    (audit: closedDays.read)
//   200 { "closedDays": [ { "day": "2026-12-09", "reason": "Personaledag", "setBy": "token",
//                           "createdAt": "2026-12-01T01:30:00.000Z" } ] }   from `from` (default today) on, by day
//   Public holidays and the Christmas closure are closed without a row here (they never get sessions).
//
// POST /api/staff/closed-days                                    (audit: closedDay.add, recordId = day)
//   body { "day": "2026-12-09", "until"?: "2026-12-11", "reason": "Personaledag" }   until: last day, included
//   201 { "closedDays": [ …the days as in GET ], "cancelled": 2 }
//   Sessions on those days are no longer offered, listed or bookable; registrations on them are
//   cancelled ("cancelled" counts them) and each resident is told in their language (notice outbox).
//   400 { "error": "invalid_body", "field": "day" } | { "error": "past" } | { "error": "too_long" }  (at most 62 days)
//
// DELETE /api/staff/closed-days/:day                            (audit: closedDay.remove, recordId = day)
//   200 { "ok": true }  the day is open again (cancelled registrations stay cancelled)   404 { "error": "not_found" }
import type { Server } from 'restify';
import { z } from 'zod';
import type { Catalogue } from '../domain/catalogue';
import { copenhagenDay, daysFromTo, isDayText, MAX_CLOSURE_DAYS, type ClosedDay, type ClosedDayRepository } from '../domain/closed-days';
import { sendNoStore as send, type StaffGuard } from './staff-auth';

export interface StaffClosedDaysDeps {
  staff: StaffGuard;
  closedDays: ClosedDayRepository;
  catalogue: Catalogue;
  /** Sends the notices a closure wrote to the outbox now. */
  notifier?: { kick?(): void };
  now?: () => Date;
}

const day = z.string().refine(isDayText, { message: 'expected a day YYYY-MM-DD' });
const closeBody = z.object({ day, until: day.optional(), reason: z.string().trim().min(1).max(500) });

const shown = (d: ClosedDay) => ({ day: d.day, reason: d.reason, setBy: d.setBy, createdAt: d.createdAt.toISOString() });

export function addStaffClosedDaysRoutes(server: Server, deps: StaffClosedDaysDeps): void {
  const { staff, closedDays } = deps;
  const today = () => copenhagenDay((deps.now ?? (() => new Date()))());

  server.get('/api/staff/closed-days', staff.route(async (req, res, who) => {
    const from = typeof req.query?.from === 'string' ? req.query.from : today();
    if (!isDayText(from)) return send(res, 400, { error: 'invalid_query', field: 'from' });
    await staff.audit(who, { action: 'closedDays.read', recordType: 'closedDay', recordId: null });
    send(res, 200, { closedDays: (await closedDays.list(from)).map(shown) });
  }));

  server.post('/api/staff/closed-days', staff.route(async (req, res, who) => {
    const body = closeBody.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      return send(res, 400, { error: 'invalid_body', field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' });
    }
    const { reason } = body.data;
    const days = daysFromTo(body.data.day, body.data.until ?? body.data.day);
    if (!days.length) return send(res, 400, { error: 'invalid_body', field: 'until', message: 'until is before day' });
    if (days.length > MAX_CLOSURE_DAYS) return send(res, 400, { error: 'too_long' });
    if (days[0] < today()) return send(res, 400, { error: 'past' });
    const outcome = await closedDays.close(days, reason, who.id);
    for (const d of days) await staff.audit(who, { action: 'closedDay.add', recordType: 'closedDay', recordId: d });
    deps.catalogue.invalidate();
    deps.notifier?.kick?.();
    send(res, 201, { closedDays: outcome.days.map(shown), cancelled: outcome.cancelled });
  }));

  server.del('/api/staff/closed-days/:day', staff.route(async (req, res, who) => {
    const d = String(req.params.day);
    if (!isDayText(d) || !(await closedDays.reopen(d))) return send(res, 404, { error: 'not_found' });
    await staff.audit(who, { action: 'closedDay.remove', recordType: 'closedDay', recordId: d });
    deps.catalogue.invalidate();
    send(res, 200, { ok: true });
  }));
}
