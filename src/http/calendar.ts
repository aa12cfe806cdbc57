// GET /api/sessions/:id.ics — a calendar file for a session (public information only).
import type { Request, Response, Server } from 'restify';
import { textFor, type Catalogue } from '../domain/catalogue';
import type { I18n } from '../i18n';

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

export function addCalendarRoute(server: Server, deps: { catalogue: Catalogue; i18n: I18n }): void {
  server.get('/api/sessions/:file', async (req: Request, res: Response) => {
    const id = String(req.params.file ?? '').replace(/\.ics$/, '');
    const activities = await deps.catalogue.all();
    const activity = activities.find((a) => a.sessions.some((s) => s.id === id));
    const session = activity?.sessions.find((s) => s.id === id);
    if (!activity || !session) {
      res.status(404);
      res.json({ error: 'not_found' });
      return;
    }
    const wanted = typeof req.query?.lang === 'string' ? req.query.lang : deps.i18n.fallback;
    const text = textFor(activity, deps.i18n.languages.includes(wanted) ? wanted : deps.i18n.fallback, deps.i18n.fallback);
    const end = session.endsAt ?? new Date(session.startsAt.getTime() + 3600_000);
    const body = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Charlottekvarteret//kvarterbot//DA', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${session.id}@kvarterbot`,
      `DTSTAMP:${stamp(new Date())}`,
      `DTSTART:${stamp(session.startsAt)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${escape(text.title)}`,
      `LOCATION:${escape(session.place ?? activity.place)}`,
      `DESCRIPTION:${escape(text.description)}`,
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${session.id}.ics"` });
    res.end(body);
  });
}
