// GET /api/sessions/:id.ics — a calendar file for a session (public information only), written
// by ical-generator: RFC 5545 escaping and line folding at 75 octets are its job, not ours.
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Request, Response, Server } from 'restify';
import { runMeetings, textFor, type Catalogue } from '../domain/catalogue';
import type { I18n } from '../i18n';

export function addCalendarRoute(server: Server, deps: { catalogue: Catalogue; i18n: I18n }): void {
  server.get('/api/sessions/:file', async (req: Request, res: Response) => {
    const id = String(req.params.file ?? '').replace(/\.ics$/, '');
    const activities = await deps.catalogue.all();
    // A session, or a course's run (its first meeting's id): the run's file has every meeting.
    const activity = activities.find((a) => a.sessions.some((s) => s.id === id || s.seriesId === id));
    const sessions = !activity ? [] : activity.seriesMeetings ? runMeetings(activity, id) : activity.sessions.filter((s) => s.id === id);
    if (!activity || !sessions.length) {
      res.status(404);
      res.json({ error: 'not_found' });
      return;
    }
    const wanted = typeof req.query?.lang === 'string' ? req.query.lang : deps.i18n.fallback;
    const lang = deps.i18n.languages.includes(wanted) ? wanted : deps.i18n.fallback;
    const text = textFor(activity, lang, deps.i18n.fallback);
    const calendar = ical({
      prodId: { company: 'Charlottekvarteret', product: 'kvarterbot', language: lang.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
    });
    for (const session of sessions) {
      calendar.createEvent({
        id: `${session.id}@kvarterbot`,
        stamp: new Date(),
        start: session.startsAt,
        end: session.endsAt ?? new Date(session.startsAt.getTime() + 3600_000),
        summary: text.title,
        location: session.place ?? activity.place,
        description: text.description,
      });
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${id}.ics"` });
    // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
    res.end(`${calendar.toString()}\r\n`);
  });
}
