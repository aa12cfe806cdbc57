// Staff read access to registrations, behind the staff guard (src/http/staff-auth.ts); every read audited.
import type { Request, Response, Server } from 'restify';
import type { RegistrationRepository, StaffRegistrationRow } from '../domain/registrations';
import type { AuditLog } from '../domain/audit';
import type { StaffGuard } from './staff-auth';

const COLUMNS: [string, (r: StaffRegistrationRow) => unknown][] = [
  ['reference', (r) => r.referenceCode],
  ['status', (r) => r.status],
  ['waitlist_position', (r) => r.waitlistPosition],
  ['activity', (r) => r.activityId],
  ['session', (r) => r.sessionId],
  ['session_starts_at', (r) => r.sessionStartsAt?.toISOString()],
  ['participant', (r) => r.participant],
  ['name', (r) => r.participantName],
  ['birth_year', (r) => r.participantBirthYear],
  ['phone', (r) => r.participantPhone],
  ['guardian_name', (r) => r.guardianName],
  ['guardian_phone', (r) => r.guardianPhone],
  ['language', (r) => r.residentLanguage],
  ['created_at', (r) => r.createdAt.toISOString()],
];

/** A cell Excel will not run as a formula. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=@]|^[+-](?!\d+$)/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: StaffRegistrationRow[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(','), ...rows.map((r) => COLUMNS.map(([, get]) => cell(get(r))).join(','))];
  // The BOM makes Excel read UTF-8, so æøå and Arabic names show correctly.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function addStaffRoutes(server: Server, deps: { registrations: RegistrationRepository; staff: StaffGuard; audit: AuditLog }): void {
  server.get('/api/staff/registrations', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const rows = await deps.registrations.listForStaff({
      activityId: typeof q.activity === 'string' ? q.activity : undefined,
      sessionId: typeof q.session === 'string' ? q.session : undefined,
    });
    await deps.staff.audit(who, { action: q.format === 'csv' ? 'registrations.export' : 'registrations.read', recordType: 'activity', recordId: typeof q.activity === 'string' ? q.activity : null });
    if (q.format === 'csv') {
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="registrations.csv"',
        'cache-control': 'no-store',
      });
      res.end(toCsv(rows));
      return;
    }
    res.header('cache-control', 'no-store');
    res.json({ registrations: rows });
  });
}

/** GET /api/staff/audit: the audit trail, newest first (`?before=<id>&limit=<n>` pages on). */
export function addAuditRoute(server: Server, deps: { staff: StaffGuard; audit: AuditLog }): void {
  server.get('/api/staff/audit', async (req: Request, res: Response) => {
    const who = await deps.staff.require(req, res);
    if (!who) return;
    const q = (req.query ?? {}) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
    const entries = await deps.audit.list({ limit: num(q.limit), before: num(q.before) });
    res.header('cache-control', 'no-store');
    res.json({ entries });
  });
}
