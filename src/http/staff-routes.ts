// Staff read access to registrations. Bearer STAFF_API_TOKEN for now (Teams SSO comes with the tab).
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { RegistrationRepository, StaffRegistrationRow } from '../domain/registrations';

/** Exactly "Bearer <token>": a bare token (or another scheme) is not accepted. */
function authorised(req: Request, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer (\S+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

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

export function addStaffRoutes(server: Server, deps: { registrations: RegistrationRepository; staffToken?: string }): void {
  server.get('/api/staff/registrations', async (req: Request, res: Response) => {
    if (!authorised(req, deps.staffToken)) {
      res.status(401);
      res.json({ error: 'unauthorised' });
      return;
    }
    const q = (req.query ?? {}) as Record<string, unknown>;
    const rows = await deps.registrations.listForStaff({
      activityId: typeof q.activity === 'string' ? q.activity : undefined,
      sessionId: typeof q.session === 'string' ? q.session : undefined,
    });
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
