// The staff tab's API over HTTP on both databases: sessions with seats and waitlist, a session's
// registrations with search, attendance, moving up from the waitlist, cancelling with a reason
// (the resident's notice is queued in their language), handoffs with a Teams link, catalogue
// edits the bot uses at once; 401 without a token, and every change in the audit trail.
import { startBot, texts, type BotUnderTest, type Chat } from '../support/harness';
import type { DbKind } from '../support/db';
import { waitFor } from '../support/wait';
import { apiCaller } from '../support/api';
import { createI18n } from '../../src/i18n';
import { teamsThreadUrl, matchesSearch, guardianState, ageThisYear } from '../../src/domain/staff-tab';

const TOKEN = 'tab-api-staff-token-0123456789abcdef0123456789';
const ACTIVITY = 'makerspace-parent-child';
const i18n = createI18n({ fallback: 'da' });

describe.each<DbKind>(['sqlite', 'postgres'])('staff tab API on %s', (db) => {
  let bot: BotUnderTest;
  let sessionId: string;
  let ali: Chat;

  const call = apiCaller(() => bot.url, TOKEN);


  /** A resident with a registration, as the sign-up dialog leaves them. */
  async function registered(name: string, status: string, opts: { lang?: string; phone?: string; waitlistedAt?: Date; code: string; chat?: Chat }) {
    const resident = opts.chat
      ? await bot.app.db.resident.update({ where: { channelId_channelUserId: { channelId: 'webchat', channelUserId: opts.chat.userId } }, data: { language: opts.lang } })
      : await bot.app.db.resident.create({ data: { channelId: 'webchat', channelUserId: `u-${opts.code}`, language: opts.lang ?? 'da' } });
    await bot.app.db.registration.create({
      data: {
        referenceCode: opts.code, residentId: resident.id, activityId: ACTIVITY, sessionId, participant: 'self', participantName: name,
        participantBirthYear: 1990, participantPhone: opts.phone ?? null, status, waitlistedAt: opts.waitlistedAt ?? null,
      },
    });
    return resident.id;
  }

  beforeAll(async () => {
    // NOTICE_RETRY_SECONDS=1: a notice that missed the first flush (one running already) goes on the next tick.
    bot = await startBot({ db, env: { STAFF_API_TOKEN: TOKEN, NOTICE_RETRY_SECONDS: '1' } });
    const created = await call('POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: '2030-03-05T15:00:00.000Z', endsAt: '2030-03-05T17:00:00.000Z', capacity: 2, place: 'Værkstedet' });
    expect(created).toMatchObject({ status: 200, body: { ok: true } });
    sessionId = created.body.id;
    await registered('Mette Hansen', 'confirmed', { code: 'AAAA22', phone: '12345678' });
    // Ali has chatted with the bot (in Arabic): the bot can reach him without waiting for him to write.
    ali = bot.chat({ locale: 'ar' });
    await ali.say('مرحبا');
    ali.replies();
    await registered('Ali Hassan', 'confirmed', { code: 'BBBB33', lang: 'ar', chat: ali });
    await registered('Sara Nielsen', 'waitlisted', { code: 'CCCC44', waitlistedAt: new Date('2030-01-01T10:00:00Z') });
    await registered('Omar Said', 'waitlisted', { code: 'DDDD55', waitlistedAt: new Date('2030-01-01T11:00:00Z') });
  });
  afterAll(async () => {
    await bot?.close();
  });

  test('without a valid token every route is 401 and gives nothing away', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/staff/activities'], ['GET', `/api/staff/sessions/${sessionId}/registrations`], ['GET', '/api/staff/handoffs'],
      ['POST', '/api/staff/registrations/AAAA22/attendance', { attended: true }], ['POST', '/api/staff/registrations/CCCC44/promote'],
      ['POST', '/api/staff/registrations/AAAA22/cancel', { reason: 'other' }], ['PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, { title: 'x', description: 'x', schedule: 'x' }],
      ['POST', `/api/staff/activities/${ACTIVITY}/sessions`, { startsAt: '2030-04-01T10:00:00Z', capacity: 3 }],
    ] as [string, string, unknown?][]) {
      for (const token of [null, 'wrong-token']) {
        const r = await call(method, path, body, token);
        expect({ method, path, status: r.status, body: r.body }).toEqual({ method, path, status: 401, body: { error: 'unauthorised' } });
      }
    }
    expect((await call('GET', `/api/staff/sessions/${sessionId}/registrations`)).body.registrations).toHaveLength(4);
  });

  test('sessions show seats taken and left and the waitlist', async () => {
    const { body } = await call('GET', '/api/staff/activities');
    const session = body.activities.find((a: any) => a.id === ACTIVITY).sessions.find((s: any) => s.id === sessionId);
    expect(session).toMatchObject({ capacity: 2, seatsTaken: 2, seatsLeft: 0, waitlisted: 2, place: 'Værkstedet' });
  });

  test('a session\'s registrations: name, age, phone, guardian state, language, code, waitlist position; search', async () => {
    const { body } = await call('GET', `/api/staff/sessions/${sessionId}/registrations`);
    expect(body.registrations.find((r: any) => r.reference === 'AAAA22')).toMatchObject({
      name: 'Mette Hansen', phone: '12345678', birthYear: 1990, guardian: 'not_needed', language: 'da', status: 'confirmed', attended: null,
    });
    expect(body.registrations.find((r: any) => r.reference === 'DDDD55')).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const found = await call('GET', `/api/staff/sessions/${sessionId}/registrations?q=${encodeURIComponent('ali has')}`);
    expect(found.body.registrations.map((r: any) => r.reference)).toEqual(['BBBB33']);
    expect((await call('GET', `/api/staff/sessions/${sessionId}/registrations?q=1234 5678`)).body.registrations.map((r: any) => r.reference)).toEqual(['AAAA22']);
    expect((await call('GET', '/api/staff/sessions/no-such-session/registrations')).status).toBe(404);
  });

  test('attendance is marked and shown; a waitlisted sign-up cannot be moved up while the session is full', async () => {
    expect(await call('POST', '/api/staff/registrations/AAAA22/attendance', { attended: true })).toMatchObject({ status: 200 });
    expect(await call('POST', '/api/staff/registrations/BBBB33/attendance', { attended: false })).toMatchObject({ status: 200 });
    const rows = (await call('GET', `/api/staff/sessions/${sessionId}/registrations`)).body.registrations;
    expect(rows.find((r: any) => r.reference === 'AAAA22').attended).toBe(true);
    expect(rows.find((r: any) => r.reference === 'BBBB33').attended).toBe(false);
    expect(await call('POST', '/api/staff/registrations/AAAA22/attendance', { attended: 'yes' })).toMatchObject({ status: 400 });
    expect(await call('POST', '/api/staff/registrations/ZZZZ99/attendance', { attended: true })).toMatchObject({ status: 404 });
    expect(await call('POST', '/api/staff/registrations/DDDD55/promote')).toMatchObject({ status: 409, body: { error: 'full' } });
    expect(await call('POST', '/api/staff/registrations/AAAA22/promote')).toMatchObject({ status: 409, body: { error: 'not_waitlisted' } });
  });

  test('cancel with a reason: the seat goes to the first on the waitlist, and the resident\'s notice is queued in their language', async () => {
    expect(await call('POST', '/api/staff/registrations/BBBB33/cancel', { reason: 'because' })).toMatchObject({ status: 400 });
    const r = await call('POST', '/api/staff/registrations/BBBB33/cancel', { reason: 'session_cancelled' });
    expect(r).toMatchObject({ status: 200, body: { ok: true, promoted: 'CCCC44' } });
    expect(await call('POST', '/api/staff/registrations/BBBB33/cancel', { reason: 'other' })).toMatchObject({ status: 409 });
    const rows = (await call('GET', `/api/staff/sessions/${sessionId}/registrations`)).body.registrations;
    // Still listed for the count and its reason, without the personal data (gone at once on cancelling).
    expect(rows.find((x: any) => x.reference === 'BBBB33')).toMatchObject({ status: 'cancelled', cancelReason: 'session_cancelled', name: null, phone: null, birthYear: null, guardianName: null, guardianPhone: null });
    expect(rows.find((x: any) => x.reference === 'CCCC44')).toMatchObject({ status: 'confirmed' });
    expect(rows.find((x: any) => x.reference === 'DDDD55')).toMatchObject({ waitlistPosition: 1 });

    // Ali is told at once, in Arabic, through his own conversation: the activity, the code and why.
    const told = await waitFor(() => ali.replies().find((m) => m.type === 'message'));
    expect(told.text).toContain(i18n.t('ar', 'registrations:staffCancelled.session_cancelled', { title: '\u0000', code: 'BBBB33' }).split('\u0000')[0]);
    expect(told.text).toContain('\u2068BBBB33\u2069');
    const notice = await bot.app.db.residentNotice.findFirstOrThrow({ where: { key: 'registrations:staffCancelled.session_cancelled' } });
    expect(JSON.parse(notice.vars)).toMatchObject({ code: 'BBBB33', activityId: ACTIVITY });
    expect(notice.vars).not.toContain('Ali');
  });

  test('moving up from the waitlist: by itself when seats are added, by hand beside a free seat', async () => {
    // One more seat: the first on the waitlist takes it (src/domain/session-edit.ts).
    expect(await call('PUT', `/api/staff/activities/${ACTIVITY}/sessions/${sessionId}`, { startsAt: '2030-03-05T15:00:00.000Z', capacity: 3, place: 'Værkstedet' }))
      .toMatchObject({ status: 200, body: { promoted: ['DDDD55'], told: 0 } });
    expect(await call('POST', '/api/staff/registrations/DDDD55/promote')).toMatchObject({ status: 409, body: { error: 'not_waitlisted' } });
    // A free seat beside the waitlist (as an older version could leave it): staff move someone up by hand.
    await registered('Eva Berg', 'waitlisted', { code: 'EEEE66', waitlistedAt: new Date('2030-01-01T12:00:00Z') });
    await bot.app.db.session.update({ where: { id: sessionId }, data: { capacity: 4 } });
    expect(await call('POST', '/api/staff/registrations/EEEE66/promote')).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    const { body } = await call('GET', '/api/staff/activities');
    expect(body.activities.find((a: any) => a.id === ACTIVITY).sessions.find((s: any) => s.id === sessionId)).toMatchObject({ capacity: 4, seatsTaken: 4, seatsLeft: 0, waitlisted: 0 });
  });

  test('a catalogue text edited by staff is what the bot says next', async () => {
    const title = `Værksted for forældre og børn ${db}`;
    expect(await call('PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, { title: '', description: 'x', schedule: 'x' })).toMatchObject({ status: 400 });
    expect(await call('PUT', `/api/staff/activities/${ACTIVITY}/texts/xx`, { title, description: 'x', schedule: 'x' })).toMatchObject({ status: 400 });
    const saved = await call('PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, {
      title, description: 'Byg ting sammen med dit barn i værkstedet. Nu også med 3D-printer.', schedule: 'Onsdage kl. 17–19', bring: null,
    });
    expect(saved).toMatchObject({ status: 200 });
    const activities = (await (await fetch(`${bot.url}/api/activities?lang=da`)).json()) as { activities: { id: string; title: string }[] };
    expect(activities.activities.find((a) => a.id === ACTIVITY)?.title).toBe(title);
    const chat = bot.chat({ locale: 'da-DK' });
    expect(texts(await chat.say('hvilke aktiviteter er der?'))).toContain(title);
  });

  test('handoffs: open and recent, with state and a link to the Teams thread', async () => {
    const resident = await bot.app.db.resident.create({ data: { channelId: 'webchat', channelUserId: 'u-handoff' } });
    await bot.app.db.handoff.create({ data: { residentId: resident.id, reason: 'asked', status: 'queued', language: 'ar', conversationRef: '{}', staffConversationId: '19:abc@thread.tacv2;messageid=1712345678901' } });
    await bot.app.db.handoff.create({ data: { residentId: resident.id, reason: 'emergency', urgent: true, status: 'closed', language: 'da', conversationRef: '{}', closedAt: new Date() } });
    // A reason from an older version (not a trigger the tab has a text for) reads as 'asked'.
    await bot.app.db.handoff.create({ data: { id: `legacy-${db}`, residentId: resident.id, reason: 'old_reason:x', status: 'queued', language: 'da', conversationRef: '{}' } });
    const { body } = await call('GET', '/api/staff/handoffs');
    expect(body.handoffs.find((h: any) => h.id === `legacy-${db}`)).toMatchObject({ trigger: 'asked' });
    expect(body.handoffs).toEqual(expect.arrayContaining([
      expect.objectContaining({ status: 'queued', trigger: 'asked', language: 'ar', threadUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/message\/19%3Aabc%40thread\.tacv2\/1712345678901\?/) }),
      expect.objectContaining({ status: 'closed', trigger: 'emergency', urgent: true, threadUrl: null }),
    ]));
    expect(JSON.stringify(body)).not.toContain('conversationRef');
  });

  test('bad input on every write route is a 400 that says which field and why, never a 500', async () => {
    const raw = async (method: string, path: string, body: string) =>
      (await fetch(`${bot.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body })).status;
    const sessions = `/api/staff/activities/${ACTIVITY}/sessions`;
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/staff/registrations/AAAA22/attendance', undefined, ''],
      ['POST', '/api/staff/registrations/AAAA22/attendance', [true], ''],
      ['POST', '/api/staff/registrations/AAAA22/attendance', { attended: null }, 'attended'],
      ['POST', '/api/staff/registrations/not-a-code/attendance', { attended: true }, ''],
      ['POST', '/api/staff/registrations/x/promote', undefined, ''],
      ['POST', '/api/staff/registrations/AAAA22/cancel', undefined, ''],
      ['POST', '/api/staff/registrations/AAAA22/cancel', { reason: 'other; DROP TABLE' }, 'reason'],
      ['PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, 'a title', ''],
      ['PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, { title: 'x'.repeat(201), description: 'x', schedule: 'x' }, 'title'],
      ['PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, { title: 'x', description: 'x', schedule: 'x', bring: 7 }, 'bring'],
      ['POST', sessions, { startsAt: 'tomorrow', capacity: 3 }, 'startsAt'],
      ['POST', sessions, { startsAt: '2030-04-01T10:00:00Z', capacity: '3' }, 'capacity'],
      ['POST', sessions, { startsAt: '2030-04-01T10:00:00Z', capacity: -1 }, 'capacity'],
      ['POST', sessions, { startsAt: '2030-04-01T10:00:00Z', capacity: 2.5 }, 'capacity'],
      ['POST', sessions, { startsAt: '2030-04-01T10:00:00Z', endsAt: '2030-04-01T09:00:00Z', capacity: 3 }, 'endsAt'],
      ['PUT', `${sessions}/${sessionId}`, { capacity: 3 }, 'startsAt'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await call(method, path, body);
      expect({ method, path, body, status: r.status, field: r.body?.field }).toEqual({ method, path, body, status: 400, field });
      expect(r.body.message).toEqual(expect.any(String));
    }
    expect(await raw('POST', sessions, '{"startsAt": ')).toBe(400);
    expect(await raw('PUT', `/api/staff/activities/${ACTIVITY}/texts/da`, 'null')).toBe(400);
    expect(await call('PUT', `${sessions}/no-such-session`, { startsAt: '2030-04-01T10:00:00Z', capacity: 3 })).toMatchObject({ status: 404 });
    expect(await call('POST', '/api/staff/activities/no-such-activity/sessions', { startsAt: '2030-04-01T10:00:00Z', capacity: 3 })).toMatchObject({ status: 404 });
  });

  test('every change and every read of personal data is in the audit trail, with codes not names', async () => {
    const { body } = await call('GET', '/api/staff/audit?limit=500');
    const actions = body.entries.map((e: any) => `${e.action} ${e.recordId ?? ''}`.trim());
    expect(actions).toEqual(expect.arrayContaining([
      `registrations.read ${sessionId}`, `registrations.search ${sessionId}`, 'registration.attended AAAA22', 'registration.absent BBBB33',
      'registration.cancel.session_cancelled BBBB33', 'registration.promote.waitlist CCCC44', 'registration.promote.waitlist DDDD55', 'registration.promote EEEE66', `catalogue.text.da ${ACTIVITY}`,
      `catalogue.session.create ${sessionId}`, `catalogue.session.update ${sessionId}`, 'handoffs.read', 'activities.read',
    ]));
    expect(body.entries.every((e: any) => e.actor === 'token')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/Mette|Hassan|12345678/);
  });
});


test('domain rules: search, guardian state, age, Teams thread link', () => {
  const row = { name: 'Mette  Hansen', phone: '12 34 56 78', guardianName: null, guardianPhone: null, reference: 'ABC234' };
  expect(matchesSearch(row, 'mette h')).toBe(true);
  expect(matchesSearch(row, '12345678')).toBe(true);
  expect(matchesSearch(row, 'abc2')).toBe(true);
  expect(matchesSearch(row, 'ali')).toBe(false);
  expect(matchesSearch(row, '  ')).toBe(true);
  expect(guardianState('pending_guardian', 'must_agree', null)).toBe('waiting');
  expect(guardianState('confirmed', 'must_agree', null)).toBe('yes');
  expect(guardianState('pending_guardian', 'must_agree', 'no')).toBe('no');
  expect(guardianState('confirmed', 'signs_up', null)).toBe('not_needed');
  expect(ageThisYear(2013, new Date('2026-11-30T00:00:00Z'))).toBe(13);
  expect(ageThisYear(null, new Date())).toBeNull();
  expect(teamsThreadUrl('19:abc@thread.tacv2;messageid=17', 'tenant')).toBe('https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/17?tenantId=tenant&parentMessageId=17');
  expect(teamsThreadUrl('a:personal-chat', undefined)).toBeNull();
  expect(teamsThreadUrl(null)).toBeNull();
});
