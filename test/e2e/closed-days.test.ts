// Closed days staff set (issue 13), over HTTP on both databases: the staff API lists, adds and
// removes them (401 without a token, every change audited); a closed day's sessions are not
// listed or offered; a registration on a day that becomes closed is cancelled and the resident
// told at once, in their language, through their own conversation.
import { startBot, type BotUnderTest } from '../support/harness';
import type { DbKind } from '../support/db';
import { waitFor } from '../support/wait';
import { apiCaller } from '../support/api';
import { copenhagenDay } from '../../src/domain/closed-days';
import { createI18n } from '../../src/i18n';

const TOKEN = 'closed-days-staff-token-0123456789abcdef0123';
const ACTIVITY = 'makerspace-parent-child';
const i18n = createI18n({ fallback: 'da' });

describe.each<DbKind>(['sqlite', 'postgres'])('closed days on %s', (db) => {
  let bot: BotUnderTest;
  const call = apiCaller(() => bot.url, TOKEN);

  const sessionsOf = async (id: string): Promise<{ id: string; startsAt: string }[]> =>
    (await call('GET', '/api/activities?lang=da', undefined, null)).body.activities.find((a: any) => a.id === id).sessions;

  beforeAll(async () => {
    bot = await startBot({ db, env: { STAFF_API_TOKEN: TOKEN, NOTICE_RETRY_SECONDS: '1' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  test('staff only: 401 without the token', async () => {
    expect((await call('GET', '/api/staff/closed-days', undefined, null)).status).toBe(401);
    expect((await call('POST', '/api/staff/closed-days', { day: '2030-01-02', reason: 'x' }, null)).status).toBe(401);
    expect((await call('DELETE', '/api/staff/closed-days/2030-01-02', undefined, null)).status).toBe(401);
  });

  test('a day that becomes closed: its session is no longer offered, and the resident booked on it is told in Arabic', async () => {
    const [first, second] = await sessionsOf(ACTIVITY);
    const day = copenhagenDay(new Date(first.startsAt));
    // Amal has chatted in Arabic and is booked on the first session.
    const amal = bot.chat({ locale: 'ar' });
    await amal.say('مرحبا');
    amal.replies();
    const resident = await bot.app.db.resident.update({ where: { channelId_channelUserId: { channelId: 'webchat', channelUserId: amal.userId } }, data: { language: 'ar' } });
    await bot.app.db.registration.create({
      data: { referenceCode: 'CLSD23', residentId: resident.id, activityId: ACTIVITY, sessionId: first.id, participant: 'self', participantName: 'Amal Haddad', status: 'confirmed' },
    });

    const closed = await call('POST', '/api/staff/closed-days', { day, reason: 'Personaledag' });
    expect(closed).toMatchObject({ status: 201, body: { cancelled: 1, closedDays: [{ day, reason: 'Personaledag', setBy: 'token' }] } });

    // Told at once, in Arabic, in her own conversation; the registration is cancelled without her name.
    const told = await waitFor(() => amal.replies().find((m) => m.type === 'message'));
    const title = i18n.t('ar', 'notices:closedDay', { title: '\u0000', when: '\u0000', code: 'CLSD23' }).split('\u0000')[0];
    expect(told.text).toContain(title);
    expect(told.text).toContain('\u2068CLSD23\u2069');
    expect(await bot.app.db.registration.findUniqueOrThrow({ where: { referenceCode: 'CLSD23' } })).toMatchObject({ status: 'cancelled', participantName: null });

    // Not in the public catalogue, not among the dates the sign-up offers.
    expect((await sessionsOf(ACTIVITY)).map((s) => s.id)).not.toContain(first.id);
    const da = bot.chat({ locale: 'da' });
    const offered = await da.say('tilmeld mig makerspace for forældre og børn');
    const values = offered.flatMap((r) => (r.suggestedActions?.actions ?? []).map((a: any) => a.value));
    expect(values).toContain(second.id);
    expect(values).not.toContain(first.id);

    // Listed for staff; the trail says who closed which day.
    // (Other suites on the same PostgreSQL database may have closed days of their own.)
    expect((await call('GET', '/api/staff/closed-days')).body.closedDays).toContainEqual(expect.objectContaining({ day, reason: 'Personaledag' }));
    const audit = (await call('GET', '/api/staff/audit')).body;
    expect(JSON.stringify(audit)).toContain('closedDay.add');

    // Open again: the session is back (Amal's cancellation stays).
    expect(await call('DELETE', `/api/staff/closed-days/${day}`)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await sessionsOf(ACTIVITY)).map((s) => s.id)).toContain(first.id);
    expect(await call('DELETE', `/api/staff/closed-days/${day}`)).toMatchObject({ status: 404 });
    expect((await call('GET', '/api/staff/closed-days')).body.closedDays).not.toContainEqual(expect.objectContaining({ day }));
  });

  test('a closure over several days, and what staff cannot set', async () => {
    const r = await call('POST', '/api/staff/closed-days', { day: '2030-07-01', until: '2030-07-03', reason: 'Sommerlukket' });
    expect(r).toMatchObject({ status: 201, body: { cancelled: 0 } });
    expect(r.body.closedDays.map((d: any) => d.day)).toEqual(['2030-07-01', '2030-07-02', '2030-07-03']);
    expect((await call('GET', '/api/staff/closed-days?from=2030-07-02')).body.closedDays.map((d: any) => d.day)).toEqual(['2030-07-02', '2030-07-03']);
    expect(await call('POST', '/api/staff/closed-days', { day: '2020-01-02', reason: 'x' })).toMatchObject({ status: 400, body: { error: 'past' } });
    expect(await call('POST', '/api/staff/closed-days', { day: '2030-02-30', reason: 'x' })).toMatchObject({ status: 400, body: { field: 'day' } });
    expect(await call('POST', '/api/staff/closed-days', { day: '2030-01-02' })).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect(await call('POST', '/api/staff/closed-days', { day: '2030-01-01', until: '2030-06-01', reason: 'x' })).toMatchObject({ status: 400, body: { error: 'too_long' } });
  });
});
