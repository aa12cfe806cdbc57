// GET /api/sessions/<id>.ics: a calendar file a phone can import, in the asked language, with
// RFC 5545's rules kept (CRLF line ends, lines folded at 75 octets, text escaped).
import { startBot, type BotUnderTest } from '../support/harness';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.close());

async function firstSession(lang: string): Promise<{ id: string; title: string; description: string; place: string }> {
  const body = await (await fetch(`${bot.url}/api/activities?lang=${lang}`)).json();
  const activity = body.activities.find((a: any) => a.id === 'parent-network');
  return { id: activity.sessions[0].id, title: activity.title, description: activity.description, place: activity.sessions[0].place ?? activity.place };
}

/** RFC 5545 §3.1: a folded line continues on the next one after CRLF and one space. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const unescape = (s: string) => s.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

test.each(['ar', 'da', 'en'])('the .ics of a session (%s) keeps lines to 75 octets and carries the whole text', async (lang) => {
  const session = await firstSession(lang);
  const res = await fetch(`${bot.url}/api/sessions/${session.id}.ics?lang=${lang}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar; charset=utf-8/);
  const ics = Buffer.from(await res.arrayBuffer()).toString('utf8');

  expect(ics.endsWith('\r\n')).toBe(true);
  const lines = ics.slice(0, -2).split('\r\n');
  expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
  const tooLong = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
  expect(tooLong).toEqual([]);
  // The description is longer than one line in every language: folding really happened.
  expect(lines.some((l) => l.startsWith(' '))).toBe(true);

  const props = new Map(unfold(ics).split('\r\n').filter(Boolean).map((l) => [l.slice(0, l.search(/[:;]/)), l.slice(l.indexOf(':') + 1)]));
  expect(unfold(ics)).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:[^\r]+\r\n/);
  expect(props.get('METHOD')).toBe('PUBLISH');
  expect(props.get('UID')).toBe(`${session.id}@kvarterbot`);
  expect(props.get('DTSTART')).toMatch(/^\d{8}T\d{6}Z$/);
  expect(props.get('DTEND')).toMatch(/^\d{8}T\d{6}Z$/);
  expect(props.get('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
  expect(unescape(props.get('SUMMARY')!)).toBe(session.title);
  expect(unescape(props.get('DESCRIPTION')!)).toBe(session.description);
  expect(unescape(props.get('LOCATION')!)).toBe(session.place);
  expect(unfold(ics)).toMatch(/END:VEVENT\r\nEND:VCALENDAR\r\n$/);
});

test('an unknown session is 404', async () => {
  expect((await fetch(`${bot.url}/api/sessions/no-such-session.ics`)).status).toBe(404);
});
