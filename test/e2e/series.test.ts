// A course of N meetings is booked as the course (issue 13), over /api/messages on both databases:
// the resident picks when to start, not a day; the question, the summary, the confirmation and
// "my registrations" list the dates; the calendar file holds every meeting; one registration holds
// one seat of the run. A meeting on a day staff close later: the course goes on, its people are told.
import { startBot, texts, lastPrompt, buttons, type BotUnderTest } from '../support/harness';
import type { DbKind } from '../support/db';
import { apiCaller } from '../support/api';
import { waitFor } from '../support/wait';
import { copenhagenDay } from '../../src/domain/closed-days';

const TOKEN = 'series-staff-token-0123456789abcdef0123456789';
const COURSE = 'parent-course-ready-for-school';
const danishDates = (text: string) => text.match(/\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/g) ?? [];

describe.each<DbKind>(['sqlite', 'postgres'])('a course booked whole on %s', (db) => {
  let bot: BotUnderTest;
  const call = apiCaller(() => bot.url, TOKEN);
  const runs = async () => {
    const rows = await bot.app.db.session.findMany({ where: { activityId: COURSE }, orderBy: { startsAt: 'asc' }, select: { id: true, seriesId: true, startsAt: true } });
    const ids = [...new Set(rows.map((r) => r.seriesId))];
    return ids.map((id) => ({ id: id!, meetings: rows.filter((r) => r.seriesId === id) }));
  };

  beforeAll(async () => {
    bot = await startBot({ db, env: { STAFF_API_TOKEN: TOKEN, NOTICE_RETRY_SECONDS: '1' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  test('Danish: the second start, every date in the summary, the confirmation, my registrations and the calendar', async () => {
    const [, second] = await runs();
    expect(second.meetings).toHaveLength(6);
    const chat = bot.chat();
    const starts = await chat.say('hej jeg vil gerne melde mig på forældrekurset');
    expect(lastPrompt(starts)).toBe('session');
    expect(texts(starts)).toMatch(/Kurset er \u2068?6\u2069? gange, og du tilmelder dig hele kurset/);
    expect(buttons(starts).map((b) => b.value)).toEqual((await runs()).slice(0, 2).map((r) => r.id));
    expect(buttons(starts)[1].title).toMatch(/^Start /);
    expect(lastPrompt(await chat.say('den anden'))).toBe('consent');
    expect(lastPrompt(await chat.say('ja'))).toBe('name');
    const summary = await chat.say('Tariq Hussein 42 18 90 63');
    expect(lastPrompt(summary)).toBe('confirm');
    expect(danishDates(texts(summary).split('\n').find((l) => l.includes('Datoer'))!)).toHaveLength(6);
    const done = await chat.say('ja tak');
    expect(texts(done)).toMatch(/Du er tilmeldt/);
    expect(danishDates(texts(done))).toHaveLength(6);

    // One registration, on the run (its seat is held on the first meeting).
    const rows = await bot.app.db.registration.findMany({ where: { activityId: COURSE, participantName: 'Tariq Hussein' } });
    expect(rows).toEqual([expect.objectContaining({ sessionId: second.id, status: 'confirmed' })]);
    const course = (await call('GET', '/api/activities?lang=da', undefined, null)).body.activities.find((a: any) => a.id === COURSE);
    expect(course).toMatchObject({ seriesMeetings: 6, endsOn: null });
    const seats = course.sessions.filter((s: any) => s.seriesId === second.id);
    expect(seats.map((s: any) => [s.id, s.seatsLeft])).toEqual(second.meetings.map((m) => [m.id, 14]));

    // The calendar file has all six meetings.
    const url = /Sæt i kalenderen: (\S+)/.exec(texts(done))![1];
    const ics = await (await fetch(url.replace(/^http:\/\/localhost:\d+/, bot.url))).text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(6);
    for (const m of second.meetings) expect(ics).toContain(`DTSTART:${m.startsAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);

    expect(danishDates(texts(await chat.say('vis mine tilmeldinger')))).toHaveLength(6);

    // A meeting's day closes: the course goes on (still registered), Tariq is told that meeting is off.
    const third = second.meetings[2];
    expect(await call('POST', '/api/staff/closed-days', { day: copenhagenDay(third.startsAt), reason: 'Personaledag' })).toMatchObject({ status: 201, body: { cancelled: 0 } });
    const told = await waitFor(() => chat.replies().find((m) => /Resten af kurset er som planlagt/.test(m.text ?? '')));
    expect(told.text).toContain(rows[0].referenceCode);
    expect((await bot.app.db.registration.findUniqueOrThrow({ where: { id: rows[0].id } })).status).toBe('confirmed');
    expect(danishDates(texts(await chat.say('vis mine tilmeldinger')))).toHaveLength(5);
    expect((await call('DELETE', `/api/staff/closed-days/${copenhagenDay(third.startsAt)}`)).status).toBe(200);
  });

  test('Arabic: the first start, the dates in Arabic, one registration', async () => {
    const [first] = await runs();
    const ar = bot.chat();
    const starts = await ar.say('بدي سجل بدورة الأهالي للروضة');
    expect(lastPrompt(starts)).toBe('session');
    expect(texts(starts)).toMatch(/الدورة \u2068?6\u2069? لقاءات/);
    expect(lastPrompt(await ar.say('أول واحد'))).toBe('consent');
    await ar.say('نعم');
    await ar.say('سلمى حداد');
    const summary = await ar.say('٢٠ ٣٠ ٤٠ ٥٠');
    expect(texts(summary)).toMatch(/المواعيد: /);
    const done = await ar.say('نعم');
    expect(texts(done)).toMatch(/تم التسجيل/);
    expect(texts(done)).toMatch(/\u2068?6\u2069? لقاءات: /);
    const rows = await bot.app.db.registration.findMany({ where: { activityId: COURSE, participantPhone: '+4520304050' } });
    expect(rows).toEqual([expect.objectContaining({ sessionId: first.id })]);
  });
});
